import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import type { UnitView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useDateDraft } from '../../components/use-date-draft';
import { useT } from '../../i18n/i18n-context';
import { formatDate } from '../../i18n/format';
import { useChildren, useRootUnits, useTreeAsOf, useUnitSearch } from './org.hooks';

/** The union tree from the user's own units down, children loaded when a unit is opened; search by code or name. */
export function OrgTreePage() {
  const t = useT();
  usePageTitle(t('org.title'));
  const { roots, isPending, error } = useRootUnits();
  const [query, setQuery] = useState('');
  // Empty: the tree as it is now (children on demand); a date: the whole tree as it stood then.
  const [asOf, setAsOf] = useState('');
  const search = useUnitSearch(query, roots.map((r) => r.id));
  const asOfField = useDateDraft(asOf, setAsOf);

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('org.title')}</h1>
      <p className="muted">{t('org.intro')}</p>
      <p>
        <Link to="/org/import">{t('org.importExportLink')}</Link>
      </p>
      <form className="org-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="org-search">{t('org.search.label')}</label>
          <input id="org-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('org.search.placeholder')} aria-describedby="org-search-hint" autoComplete="off" />
          <p id="org-search-hint" className="muted org-hint">
            {t('org.search.hint')}
          </p>
        </div>
      </form>
      <div className="field org-asof">
        <label htmlFor="org-asof">{t('org.asOf.label')}</label>
        <input id="org-asof" type="date" {...asOfField} aria-describedby="org-asof-hint" />
        <p id="org-asof-hint" className="muted org-hint">
          {t('org.asOf.hint')}
        </p>
      </div>
      {error ? <ErrorAlert error={error} /> : null}
      {search.query ? (
        <section aria-labelledby="org-results-title">
          <h2 id="org-results-title">{t('org.search.resultsTitle')}</h2>
          <div aria-live="polite">
            {search.error ? <ErrorAlert error={search.error} /> : null}
            {search.isSearching && search.hits.length === 0 ? <p className="muted">{t('org.search.searching')}</p> : null}
            {!search.isSearching && search.hits.length === 0 ? <p>{t('org.search.noResults', { query: search.query })}</p> : null}
            {search.hits.length > 0 ? <p className="muted">{t('org.search.results', { count: search.hits.length })}</p> : null}
          </div>
          <ul className="org-results">
            {search.hits.map((u) => (
              <li key={u.id}>
                <Link to={`/org/units/${u.id}`}>{u.name}</Link> <span className="muted">· {u.code} · {t(`unitKind.${u.kind}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : asOf ? (
        <section aria-labelledby="org-tree-title">
          <h2 id="org-tree-title">{t('org.asOf.title', { date: formatDate(asOf) })}</h2>
          {roots.map((root) => (
            <AsOfTree key={root.id} rootId={root.id} asOf={asOf} />
          ))}
        </section>
      ) : (
        <section aria-labelledby="org-tree-title">
          <h2 id="org-tree-title">{t('org.treeTitle')}</h2>
          {isPending ? <PageLoading /> : null}
          {!isPending && roots.length === 0 && !error ? <p>{t('org.noRoots')}</p> : null}
          <ul className="org-tree">
            {roots.map((root) => (
              <TreeNode key={root.id} unit={root} initiallyOpen />
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function TreeNode({ unit, initiallyOpen = false }: { unit: Pick<UnitView, 'id' | 'code' | 'name' | 'kind'>; initiallyOpen?: boolean }) {
  const t = useT();
  const [isOpen, setOpen] = useState(initiallyOpen);
  const children = useChildren(unit.id, isOpen);
  const groupId = useId();
  const items = children.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <li className="org-tree__node">
      <div className="org-tree__row">
        <button type="button" className="org-tree__toggle" aria-expanded={isOpen} aria-controls={groupId} onClick={() => setOpen((o) => !o)}>
            <span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
            <span className="visually-hidden">{isOpen ? t('org.tree.collapse', { name: unit.name }) : t('org.tree.expand', { name: unit.name })}</span>
          </button>
        <Link to={`/org/units/${unit.id}`}>{unit.name}</Link>
        <span className="muted org-tree__meta">
          {unit.code} · {t(`unitKind.${unit.kind}`)}
        </span>
      </div>
      {isOpen ? (
        <div id={groupId}>
          {children.isPending ? <p className="muted org-tree__loading">{t('app.loading')}</p> : null}
          {children.isError ? <ErrorAlert error={children.error} /> : null}
          {children.data && items.length === 0 ? <p className="muted org-tree__loading">{t('org.tree.noChildren')}</p> : null}
          {items.length > 0 ? (
            <ul className="org-tree">
              {items.map((c) => (
                <TreeNode key={c.id} unit={c} />
              ))}
            </ul>
          ) : null}
          {children.hasNextPage ? (
            <button type="button" className="button button--secondary button--small org-tree__more" disabled={children.isFetchingNextPage} onClick={() => void children.fetchNextPage()}>
              {t('org.tree.more')}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** The subtree as it stood at a date, from the effective-dated parent links, indented by depth. */
function AsOfTree({ rootId, asOf }: { rootId: string; asOf: string }) {
  const t = useT();
  const tree = useTreeAsOf(rootId, asOf);
  if (tree.isPending) return <PageLoading />;
  if (tree.isError) return <ErrorAlert error={tree.error} />;
  const items = tree.data.items;
  if (items.length === 0) return <p>{t('org.asOf.empty')}</p>;
  const base = items[0]!.depth;
  return (
    <>
      <ul className="org-tree org-tree--asof" aria-label={t('org.asOf.title', { date: formatDate(asOf) })}>
        {items.map((n) => (
          <li key={n.id} className="org-tree__row" style={{ paddingInlineStart: `${(n.depth - base) * 1.25}rem` }}>
            <Link to={`/org/units/${n.id}`}>{n.name}</Link>
            <span className="muted org-tree__meta">
              {n.code} · {t(`unitKind.${n.kind}`)}
            </span>
          </li>
        ))}
      </ul>
      {tree.data.nextCursor ? <p className="muted">{t('org.asOf.more')}</p> : null}
    </>
  );
}
