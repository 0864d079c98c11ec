import { Route, Routes } from 'react-router-dom';
import { PersonCommendationsPage, UnitCommendationsPage } from './CommendationHistoryPage';
import { OrgImportPage } from './OrgImportPage';
import { OrgTreePage } from './OrgTreePage';
import { UnitPage } from './UnitPage';
import './org.css';

/** /org: the searchable tree; /org/units/:id: one unit; /org/import: import and export. */
export default function OrgPage() {
  return (
    <Routes>
      <Route index element={<OrgTreePage />} />
      <Route path="units/:id" element={<UnitPage />} />
      <Route path="units/:id/commendations" element={<UnitCommendationsPage />} />
      <Route path="people/:id/commendations" element={<PersonCommendationsPage />} />
      <Route path="import" element={<OrgImportPage />} />
    </Routes>
  );
}
