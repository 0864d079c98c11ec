import { forwardRef } from 'react';
import { describeError } from '../api/describe-error';
import { ApiError } from '../api/api-error';
import { useI18n } from '../i18n/i18n-context';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
}

/** An error in the user's language, announced by screen readers, with the request id for support. */
export const ErrorAlert = forwardRef<HTMLDivElement, ErrorAlertProps>(function ErrorAlert({ error, title }, ref) {
  const { t, language } = useI18n();
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <div className="alert alert--error" role="alert" ref={ref} tabIndex={-1}>
      {title ? <p className="alert__title">{title}</p> : null}
      <p>{describeError(error, t, language)}</p>
      {/* The reference is copied as it is into a message to support: shown as code, not as words. */}
      {requestId ? (
        <p className="alert__meta">
          {t('error.requestIdLabel')}: <code>{requestId}</code>
        </p>
      ) : null}
    </div>
  );
});
