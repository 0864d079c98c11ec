import type { CommentMentionView } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';

export interface ColleaguePickerLabels {
  searchPerson: string;
  searchHint: string;
  noCandidates: string;
  candidates: string;
  pickedTitle: string;
  pick: (c: CommentMentionView) => string;
  unpick: (c: CommentMentionView) => string;
}

/**
 * Search box, candidates and picked people of an item (who may read it: `mentionCandidates`), shared by the comment
 * form's @mentions and the help/co-sign request form; the owner keeps the state and says what picking does.
 */
export function ColleaguePicker({
  base,
  search,
  onSearch,
  candidates,
  picked,
  onPick,
  onUnpick,
  labels,
}: {
  base: string;
  search: string;
  onSearch: (text: string) => void;
  candidates: { data?: CommentMentionView[]; isError: boolean; error: unknown };
  picked: readonly CommentMentionView[];
  onPick: (c: CommentMentionView) => void;
  onUnpick: (c: CommentMentionView) => void;
  labels: ColleaguePickerLabels;
}) {
  const offered = (candidates.data ?? []).filter((c) => !picked.some((p) => p.userId === c.userId));
  return (
    <>
      <label htmlFor={`${base}-search`}>{labels.searchPerson}</label>
      <input id={`${base}-search`} type="search" value={search} onChange={(e) => onSearch(e.target.value)} autoComplete="off" aria-describedby={`${base}-search-hint`} />
      <p id={`${base}-search-hint`} className="muted">{labels.searchHint}</p>
      {search.trim().length >= 2 && candidates.data && offered.length === 0 ? <p className="muted">{labels.noCandidates}</p> : null}
      {candidates.isError ? <ErrorAlert error={candidates.error} /> : null}
      {offered.length > 0 ? (
        <ul className="comment-candidates" aria-label={labels.candidates}>
          {offered.map((c) => (
            <li key={c.userId}>
              <button type="button" className="button button--secondary button--small" onClick={() => onPick(c)}>
                {labels.pick(c)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {picked.length > 0 ? (
        <div>
          <p>{labels.pickedTitle}</p>
          <ul className="comment-picked">
            {picked.map((p) => (
              <li key={p.userId}>
                {p.fullName}{' '}
                <button type="button" className="button button--secondary button--small" onClick={() => onUnpick(p)}>
                  {labels.unpick(p)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
