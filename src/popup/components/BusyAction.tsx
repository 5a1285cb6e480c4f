/**
 * A button whose action takes a while ("Check now", "Reload the page"): busy while it runs, its
 * failure said below it. It stays focusable while busy (aria-disabled, not disabled, and a click
 * then does nothing), so keyboard focus is still on it when the result arrives.
 */
export function BusyAction({
  label,
  busyLabel,
  busy,
  failed,
  testId,
  failedTestId,
  onAction,
}: {
  label: string;
  busyLabel: string;
  busy: boolean;
  /** The failure's sentence, when the last attempt failed. */
  failed?: string | undefined;
  /** `data-testid` of the button and of its failure's sentence. */
  testId: string;
  failedTestId: string;
  onAction: () => void;
}) {
  return (
    <>
      <button
        type="button"
        data-testid={testId}
        onClick={() => {
          if (!busy) onAction();
        }}
        aria-disabled={busy}
        aria-busy={busy}
      >
        {busy ? busyLabel : label}
      </button>
      {failed ? (
        <p class="check-failed" role="alert" data-testid={failedTestId}>
          {failed}
        </p>
      ) : null}
    </>
  );
}
