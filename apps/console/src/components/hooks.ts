import { type FormEvent, useEffect, useState } from 'react';

/**
 * A form's submit handler around an action: the default submit is stopped, the action gets the form's fields, its
 * error is kept to be shown in words, and the form is cleared when it succeeded (unless `keep`).
 */
export function useFormAction(options: { keep?: boolean } = {}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = (action: (form: FormData) => Promise<void>) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    setBusy(true);
    setError(null);
    action(new FormData(element))
      .then(() => {
        if (!options.keep) element.reset();
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return { error, setError, busy, run };
}

/**
 * Loads something when its dependencies change: the value (null while loading), the error if it failed, and a
 * way to replace the value after an edit. An answer that arrives after the dependencies changed is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, dependencies: unknown[]) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    setError(null);
    load().then(
      (loaded) => current && setValue(loaded),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [...dependencies, version]);
  return { value, error, setValue, reload: () => setVersion((n) => n + 1) };
}
