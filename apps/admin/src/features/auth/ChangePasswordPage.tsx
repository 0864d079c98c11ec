import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { changePasswordRequestSchema, MIN_PASSWORD_LENGTH } from '@thidua/contracts';
import { ApiError } from '../../api/api-error';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/use-page-title';
import { zodIssuesToMessages } from '../../forms/zod-messages';
import { useT } from '../../i18n/i18n-context';
import { useChangePassword } from './auth.hooks';

type Field = 'currentPassword' | 'newPassword' | 'confirmPassword';
const FIELDS: readonly Field[] = ['currentPassword', 'newPassword', 'confirmPassword'];

/** The contract's minimum, so the hint on screen cannot drift from the rule the API enforces. */
const MIN_LENGTH = MIN_PASSWORD_LENGTH;

export function ChangePasswordPage() {
  const t = useT();
  usePageTitle(t('changePassword.title'));
  const mutation = useChangePassword();
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);

  const labels: Record<Field, string> = {
    currentPassword: t('changePassword.current'),
    newPassword: t('changePassword.new'),
    confirmPassword: t('changePassword.confirm'),
  };
  const serverErrors = mutation.error instanceof ApiError ? mutation.error.fieldMessages() : {};
  const errorOf = (field: Field): string | undefined => errors[field] ?? serverErrors[field];

  const focusFirstInvalid = (found: Partial<Record<Field, string>>) => {
    const first = FIELDS.find((f) => found[f]);
    if (first) formRef.current?.querySelector<HTMLInputElement>(`#${first}`)?.focus();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = changePasswordRequestSchema.safeParse({
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    const found: Partial<Record<Field, string>> = parsed.success ? {} : zodIssuesToMessages(parsed.error.issues, labels, t);
    if (!found.newPassword && [...values.newPassword].length < MIN_LENGTH) {
      found.newPassword = t('changePassword.tooShort', { min: MIN_LENGTH });
    }
    if (!found.newPassword && values.newPassword === values.currentPassword && values.newPassword) {
      found.newPassword = t('validation.sameAsCurrent');
    }
    if (!found.confirmPassword && values.confirmPassword !== values.newPassword) {
      found.confirmPassword = t('validation.mismatch');
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success) return focusFirstInvalid(found);
    mutation.mutate(parsed.data, {
      onSuccess: () => setValues({ currentPassword: '', newPassword: '', confirmPassword: '' }),
    });
  };

  const set = (field: Field) => (e: ChangeEvent<HTMLInputElement>) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    if (mutation.isSuccess) mutation.reset();
  };

  const autoComplete: Record<Field, string> = {
    currentPassword: 'current-password',
    newPassword: 'new-password',
    confirmPassword: 'new-password',
  };

  return (
    <section className="page page--narrow" aria-labelledby="page-title">
      <h1 id="page-title">{t('changePassword.title')}</h1>
      <p id="password-rule" className="muted">
        {t('changePassword.intro', { min: MIN_LENGTH })}
      </p>
      {mutation.isSuccess ? (
        <p className="alert alert--success" role="status">
          {t('changePassword.success')}
        </p>
      ) : null}
      {mutation.isError ? <ErrorAlert error={mutation.error} title={t('changePassword.errorTitle')} /> : null}
      <form className="form card" onSubmit={onSubmit} noValidate ref={formRef}>
        {FIELDS.map((field) => {
          const error = errorOf(field);
          const describedBy = [field === 'newPassword' ? 'password-rule' : null, error ? `${field}-error` : null]
            .filter(Boolean)
            .join(' ');
          return (
            <div className="field" key={field}>
              <label htmlFor={field}>{labels[field]}</label>
              <input
                id={field}
                name={field}
                type="password"
                autoComplete={autoComplete[field]}
                value={values[field]}
                onChange={set(field)}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy || undefined}
                required
              />
              {error ? (
                <p id={`${field}-error`} className="field__error">
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? t('changePassword.submitting') : t('changePassword.submit')}
        </button>
      </form>
    </section>
  );
}
