import { useCallback, useState } from 'react';

/** What a write left to show: its success text, or the API's error message. */
export type MutationNotice = { ok: boolean; text: string } | null;

/**
 * A write from a form or button: `run(call, successText)` marks it busy, then keeps a notice with
 * the success text or the API's message (`ApiRequestError.message` is the envelope's message).
 */
export function useMutation(): {
  run: <T>(call: () => Promise<T>, success: (result: T) => string) => Promise<boolean>;
  busy: boolean;
  notice: MutationNotice;
} {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<MutationNotice>(null);
  const run = useCallback(async <T>(call: () => Promise<T>, success: (result: T) => string) => {
    setBusy(true);
    setNotice(null);
    try {
      const result = await call();
      setNotice({ ok: true, text: success(result) });
      return true;
    } catch (e) {
      setNotice({ ok: false, text: e instanceof Error ? e.message : String(e) });
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { run, busy, notice };
}
