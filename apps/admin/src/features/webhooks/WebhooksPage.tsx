import { WEBHOOK_EVENT_TYPES, type WebhookEventType, type WebhookView } from '@thidua/contracts';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { usePageTitle } from '../../components/use-page-title';
import { useT } from '../../i18n/i18n-context';
import type { PlainMessageKey } from '../../i18n/dictionary';
import { formatDateTime } from '../../i18n/format';
import type { SearchHit } from '../org/org.hooks';
import { UnitPicker } from '../org/UnitPicker';
import { useCreateWebhook, useDeleteWebhook, useDeliveries, useResend, useRotateSecret, useUpdateWebhook, useWebhooks } from './webhooks.hooks';
import '../items/items.css';

const EVENT_LABELS: Record<WebhookEventType, PlainMessageKey> = {
  'item.created': 'webhooks.event.item.created',
  'item.transitioned': 'webhooks.event.item.transitioned',
  'item.completed': 'webhooks.event.item.completed',
  'item.amended': 'webhooks.event.item.amended',
  'campaign.status_changed': 'webhooks.event.campaign.status_changed',
};

const STATUS_LABELS: Record<string, PlainMessageKey> = {
  pending: 'webhooks.status.pending',
  succeeded: 'webhooks.status.succeeded',
  failed: 'webhooks.status.failed',
  cancelled: 'webhooks.status.cancelled',
};

/** Webhook subscriptions of the units I administer: subscribe a URL, see the secret once, read the delivery log, resend. */
export default function WebhooksPage() {
  const t = useT();
  usePageTitle(t('nav.webhooks'));
  const list = useWebhooks();
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.webhooks')}</h1>
      <p className="lead">{t('webhooks.lead')}</p>
      {secret ? (
        <div className="card" role="alert">
          <p>{t('webhooks.secretOnce', { url: secret.url })}</p>
          <p>
            <code data-testid="webhook-secret">{secret.secret}</code>
          </p>
          <button type="button" className="button button--secondary" onClick={() => setSecret(null)}>
            {t('webhooks.secretSaved')}
          </button>
        </div>
      ) : null}
      <NewWebhookForm onCreated={(url, s) => setSecret({ url, secret: s })} />
      <h2>{t('webhooks.list')}</h2>
      {list.isPending ? <PageLoading /> : null}
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      {list.data && list.data.length === 0 ? <p className="notice">{t('webhooks.empty')}</p> : null}
      <ul className="notification-list">
        {list.data?.map((w) => (
          <li key={w.id} className="card">
            <WebhookCard webhook={w} isOpen={openId === w.id} onToggle={() => setOpenId(openId === w.id ? null : w.id)} onSecret={(s) => setSecret({ url: w.url, secret: s })} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function NewWebhookForm({ onCreated }: { onCreated: (url: string, secret: string) => void }) {
  const t = useT();
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [unit, setUnit] = useState<SearchHit | null>(null);
  const [events, setEvents] = useState<WebhookEventType[]>(['item.created', 'item.transitioned', 'item.completed']);

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      { url, description, eventTypes: events, unitId: unit?.id ?? null, isActive: true },
      {
        onSuccess: (created) => {
          onCreated(created.url, created.secret);
          setUrl('');
          setDescription('');
        },
      },
    );
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-webhook">
      <h2 id="new-webhook">{t('webhooks.new')}</h2>
      <div className="field">
        <label htmlFor="webhook-url">{t('webhooks.url')}</label>
        <input id="webhook-url" type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" />
      </div>
      <div className="field">
        <label htmlFor="webhook-description">{t('webhooks.description')}</label>
        <input id="webhook-description" value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <UnitPicker label={t('webhooks.unit')} hint={t('webhooks.unitHint')} value={unit} onChange={setUnit} />
      <fieldset className="field">
        <legend>{t('webhooks.events')}</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <div key={type} className="field field--inline">
            <input
              id={`event-${type}`}
              type="checkbox"
              checked={events.includes(type)}
              onChange={(e) => setEvents(e.target.checked ? [...events, type] : events.filter((x) => x !== type))}
            />
            <label htmlFor={`event-${type}`}>
              {t(EVENT_LABELS[type])} <code>{type}</code>
            </label>
          </div>
        ))}
      </fieldset>
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending || events.length === 0}>
          {t('webhooks.create')}
        </button>
      </div>
    </form>
  );
}

function WebhookCard({ webhook: w, isOpen, onToggle, onSecret }: { webhook: WebhookView; isOpen: boolean; onToggle: () => void; onSecret: (secret: string) => void }) {
  const t = useT();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const rotate = useRotateSecret();
  const error = update.error ?? remove.error ?? rotate.error;
  return (
    <>
      <p className="notification__title">
        <code>{w.url}</code> {w.isActive ? null : <span className="badge">{t('webhooks.inactive')}</span>}
      </p>
      <p className="muted">
        {w.description ? `${w.description} · ` : null}
        {w.unitName ?? t('webhooks.allUnits')} · {w.eventTypes.map((e) => t(EVENT_LABELS[e])).join(', ')} · {t('webhooks.secretHint', { hint: w.secretHint })}
      </p>
      <div className="form-actions">
        <button type="button" className="button button--secondary" aria-expanded={isOpen} onClick={onToggle}>
          {t('webhooks.log')}
        </button>
        <button type="button" className="button button--secondary" disabled={update.isPending} onClick={() => update.mutate({ id: w.id, patch: { isActive: !w.isActive } })}>
          {w.isActive ? t('webhooks.disable') : t('webhooks.enable')}
        </button>
        <button type="button" className="button button--secondary" disabled={rotate.isPending} onClick={() => rotate.mutate(w.id, { onSuccess: (r) => onSecret(r.secret) })}>
          {t('webhooks.rotate')}
        </button>
        <button type="button" className="button button--secondary" disabled={remove.isPending} onClick={() => (window.confirm(t('webhooks.confirmDelete')) ? remove.mutate(w.id) : undefined)}>
          {t('webhooks.delete')}
        </button>
      </div>
      {error ? <ErrorAlert error={error} /> : null}
      {isOpen ? <DeliveryLog subscriptionId={w.id} /> : null}
    </>
  );
}

function DeliveryLog({ subscriptionId }: { subscriptionId: string }) {
  const t = useT();
  const log = useDeliveries(subscriptionId);
  const resend = useResend(subscriptionId);
  if (log.isPending) return <PageLoading />;
  if (log.isError) return <ErrorAlert error={log.error} />;
  if (log.data.length === 0) return <p className="notice">{t('webhooks.noDeliveries')}</p>;
  return (
    <table className="table">
      <caption>{t('webhooks.log')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('webhooks.col.event')}</th>
          <th scope="col">{t('webhooks.col.status')}</th>
          <th scope="col">{t('webhooks.col.attempts')}</th>
          <th scope="col">{t('webhooks.col.response')}</th>
          <th scope="col">{t('webhooks.col.duration')}</th>
          <th scope="col">{t('webhooks.col.created')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('webhooks.resend')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {log.data.map((d) => (
          <tr key={d.id}>
            <td>
              <code>{d.eventType}</code>
              <br />
              <small className="muted">{d.messageId}</small>
            </td>
            <td>
              {t(STATUS_LABELS[d.status] ?? 'webhooks.status.pending')}
              {d.nextAttemptAt ? <small className="muted"> · {t('webhooks.nextAttempt', { at: formatDateTime(d.nextAttemptAt) })}</small> : null}
            </td>
            <td>
              {d.attempts}
              <details>
                <summary>{t('webhooks.attempts')}</summary>
                <ol>
                  {d.attemptLog.map((a) => (
                    <li key={a.attempt}>
                      {formatDateTime(a.startedAt)} · {a.responseCode ?? '—'} · {a.durationMs} ms{a.error ? ` · ${a.error}` : ''}
                    </li>
                  ))}
                </ol>
              </details>
            </td>
            <td>{d.lastResponseCode ?? (d.lastError ? d.lastError : '—')}</td>
            <td>{d.lastDurationMs === null ? '—' : `${d.lastDurationMs} ms`}</td>
            <td>
              <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>
            </td>
            <td>
              <button type="button" className="link-button" disabled={resend.isPending} onClick={() => resend.mutate(d.id)}>
                {t('webhooks.resend')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
