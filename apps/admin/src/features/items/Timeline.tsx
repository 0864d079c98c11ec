import type { FieldSpec } from '@thidua/workflow-core';
import type { WorkItemEventView } from '@thidua/contracts';
import { isMessageKey, type PlainMessageKey } from '../../i18n/dictionary';
import { useI18n } from '../../i18n/i18n-context';
import { formatDateTime } from '../../i18n/format';
import { displayValue, localized, type DefinitionLike } from './field-schema';

interface TimelineProps {
  events: readonly WorkItemEventView[];
  def: DefinitionLike;
  fields: readonly FieldSpec[];
  meId: string;
  /** Unit path → unit name, for the units we know (the item's unit and its ancestors). */
  unitNames: ReadonlyMap<string, string>;
}

/** Who did what (by name), when, on behalf of whom (by name), with the comment and what changed; oldest first. */
export function Timeline({ events, def, fields, meId, unitNames }: TimelineProps) {
  const { t, language } = useI18n();
  const stageName = (id: string | null) => (id ? localized(def.stages?.[id]?.name, language, id) : '');
  const eventName = (e: WorkItemEventView) => {
    const key = `items.event.${e.event}`;
    return isMessageKey(key) ? t(key as PlainMessageKey) : e.event;
  };
  const who = (e: WorkItemEventView) => {
    if (e.actorUserId === null) return t('items.timeline.system');
    const unit = e.actorUnitPath ? unitNames.get(e.actorUnitPath) : undefined;
    if (e.actorUserId === meId) return unit ? t('items.timeline.youAt', { unit }) : t('items.timeline.you');
    if (e.actorName) return unit ? t('items.timeline.personAt', { name: e.actorName, unit }) : e.actorName;
    return unit ? t('items.timeline.someoneAt', { unit }) : t('items.timeline.someone');
  };
  const onBehalfOf = (e: WorkItemEventView) => {
    if (!e.onBehalfOfUserId) return '';
    return ` · ${e.onBehalfOfName ? t('items.timeline.onBehalfOfName', { name: e.onBehalfOfName }) : t('items.timeline.onBehalfOf')}`;
  };

  return (
    <ol className="timeline">
      {events.map((e) => {
        const changes = Object.entries(e.changes ?? {});
        const moved = e.fromStage !== e.toStage && e.toStage;
        return (
          <li key={e.id} className={`timeline__event timeline__event--${e.event.replace(/\W/g, '-')}`}>
            <p className="timeline__head">
              <strong>{eventName(e)}</strong> · <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
            </p>
            <p className="timeline__who">
              {who(e)}
              {onBehalfOf(e)}
            </p>
            {moved ? (
              <p className="muted">
                {e.fromStage
                  ? t('items.timeline.moved', { from: stageName(e.fromStage), to: stageName(e.toStage) })
                  : t('items.timeline.startedAt', { stage: stageName(e.toStage) })}
              </p>
            ) : null}
            {e.comment ? (
              <blockquote className="timeline__comment">
                <span className="visually-hidden">{t('items.timeline.comment')}: </span>
                {e.comment}
              </blockquote>
            ) : null}
            {changes.length > 0 ? (
              <details className="timeline__changes">
                <summary>{t('items.timeline.changes', { count: changes.length })}</summary>
                <dl>
                  {changes.map(([name, change]) => {
                    const spec = fields.find((f) => f.name === name);
                    const yes = t('items.value.yes');
                    const no = t('items.value.no');
                    return (
                      <div key={name} className="timeline__change">
                        <dt>{localized(spec?.label, language, name)}</dt>
                        <dd>
                          {t('items.timeline.fromTo', {
                            from: displayValue(change.from, spec, language, yes, no),
                            to: displayValue(change.to, spec, language, yes, no),
                          })}
                        </dd>
                      </div>
                    );
                  })}
                </dl>
              </details>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
