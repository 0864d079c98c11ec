import { useState } from 'react';
import type { UnitDetail } from '@thidua/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/i18n-context';
import { comparePersonNamesVi } from '../../i18n/format';
import { useMe } from '../auth/auth.hooks';
import { useSetUnitChair, useUnitPeople } from './org.hooks';

/**
 * The unit's chair (Chủ tịch), whom an escalation step "to the chair of a unit" hands work to: shown by name, and for
 * administrators chosen among the active people holding a role at the unit, or cleared. The API checks the choice and
 * records it in the audit log.
 */
export function ChairPicker({ unit }: { unit: UnitDetail }) {
  const t = useT();
  const me = useMe();
  const isAdmin = (me.data?.roles ?? []).some((r) => r.role === 'admin');
  const people = useUnitPeople(unit.id);
  const save = useSetUnitChair(unit.id);
  const [choice, setChoice] = useState<string | null>(null);
  const [saved, setSaved] = useState<'set' | 'cleared' | null>(null);
  const candidates = (people.data?.people ?? []).filter((p) => p.status === 'active' && p.roles.length > 0).sort((a, b) => comparePersonNamesVi(a.fullName, b.fullName));
  const sameName = new Set(candidates.filter((p, i) => candidates.some((q, j) => j !== i && q.fullName === p.fullName)).map((p) => p.fullName));
  const current = unit.chairUserId ? (people.data?.people ?? []).find((p) => p.userId === unit.chairUserId) : undefined;
  const currentName = !unit.chairUserId ? t('org.chairNone') : current ? current.fullName : people.isPending ? '…' : t('org.chairElsewhere');
  const selected = choice ?? unit.chairUserId ?? '';
  const submit = (chairUserId: string | null) => {
    setSaved(null);
    save.mutate(chairUserId, {
      onSuccess: () => {
        setChoice(null);
        setSaved(chairUserId ? 'set' : 'cleared');
      },
    });
  };
  return (
    <section aria-labelledby="chair-title" className="card org-chair">
      <h2 id="chair-title">{t('org.chair')}</h2>
      <p>
        {t('org.chairCurrent')}: <strong data-testid="unit-chair-name">{currentName}</strong>
      </p>
      {isAdmin ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit(selected === '' ? null : selected);
          }}
        >
          <div className="field">
            <label htmlFor="unit-chair">{t('org.chairChoose')}</label>
            <select id="unit-chair" value={selected} onChange={(e) => setChoice(e.target.value)} aria-describedby="unit-chair-hint" disabled={people.isPending}>
              <option value="">{t('org.chairNone')}</option>
              {candidates.map((p) => (
                <option key={p.userId} value={p.userId}>
                  {/* A username is a stored code: shown only to tell apart two people of the same name. */}
                  {sameName.has(p.fullName) ? `${p.fullName} (${p.username})` : p.fullName}
                </option>
              ))}
            </select>
            <p id="unit-chair-hint" className="muted">{t('org.chairHint')}</p>
          </div>
          {people.isError ? <ErrorAlert error={people.error} /> : null}
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <button type="submit" className="button button--small" disabled={save.isPending || selected === (unit.chairUserId ?? '')}>
            {t('org.chairSave')}
          </button>{' '}
          {unit.chairUserId ? (
            <button type="button" className="button button--secondary button--small" disabled={save.isPending} onClick={() => submit(null)}>
              {t('org.chairClear')}
            </button>
          ) : null}
          <p role="status" className="muted">{saved ? t(saved === 'set' ? 'org.chairSaved' : 'org.chairCleared') : ''}</p>
        </form>
      ) : null}
    </section>
  );
}
