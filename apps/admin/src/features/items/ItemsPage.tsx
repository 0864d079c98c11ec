import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';

const NewItemPage = lazy(() => import('./NewItemPage'));
const ItemPage = lazy(() => import('./ItemPage'));
const ItemPrintPage = lazy(() => import('./ItemPrintPage'));

/** /items/new (start a plan, report or nomination) and /items/:id (one item), /items/:id/print (its print view). */
export default function ItemsPage() {
  return (
    <Routes>
      <Route path="new" element={<NewItemPage />} />
      <Route path=":id" element={<ItemPage />} />
      <Route path=":id/print" element={<ItemPrintPage />} />
    </Routes>
  );
}
