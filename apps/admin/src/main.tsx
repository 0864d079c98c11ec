// First: it asks for the home page's data while the rest of the bundle is still being evaluated.
import './api/first-data';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { isCatalogueLoaded, loadCatalogue } from './i18n/i18n-context';
import { getLanguage } from './i18n/language-store';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

function render(root: HTMLElement) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// English is a chunk of its own: a user who chose it sees no Vietnamese page first.
const language = getLanguage();
if (isCatalogueLoaded(language)) render(container);
else void loadCatalogue(language).finally(() => render(container));
