import { Component, type ReactNode } from 'react';
import { useT } from '../i18n/i18n-context';

interface State {
  hasError: boolean;
}

/**
 * Catches a page that fails to render or to load (a lazy chunk that vanished after a deploy), so the header and
 * navigation stay usable. `resetKey` (the path) clears the error when the user navigates elsewhere.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { hasError: false };

  static getDerivedStateFromError(): State {
    return { hasError: true };
  }

  override componentDidUpdate(previous: { resetKey: string }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.hasError) this.setState({ hasError: false });
  }

  override componentDidCatch(error: unknown): void {
    console.error(error);
  }

  override render(): ReactNode {
    return this.state.hasError ? <PageFailed /> : this.props.children;
  }
}

function PageFailed() {
  const t = useT();
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('error.title')}</h1>
      <div className="alert alert--error" role="alert">
        <p>{t('error.pageLoadFailed')}</p>
      </div>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('error.reload')}
      </button>
    </section>
  );
}
