import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { PageLoading } from '../../components/PageLoading';
import { WorkflowListPage } from './WorkflowListPage';
import './workflows.css';

/*
 * The designer (React Flow + ELK, workflow-core) is a chunk of its own, loaded when a definition is opened, so the
 * list of definitions stays light.
 */
const DefinitionEditorPage = lazy(() => import('./DefinitionEditorPage'));

/** /workflows: definitions and their versions; /workflows/:id: one version in the designer. */
export default function WorkflowsPage() {
  return (
    <Routes>
      <Route index element={<WorkflowListPage />} />
      <Route
        path=":id"
        element={
          <Suspense fallback={<PageLoading />}>
            <DefinitionEditorPage />
          </Suspense>
        }
      />
    </Routes>
  );
}
