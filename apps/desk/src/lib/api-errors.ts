import { errorCodeOf } from '@newsroom/api/client';

/** What went wrong with an API call, in words a person can act on, and the status the page answers. */
export interface CallFailure {
  status: number;
  message: string;
  /** Field-by-field messages from the API's input check. */
  fields: Record<string, string>;
  code: string | null;
}

export function failureOf(error: unknown): CallFailure {
  const code = errorCodeOf(error);
  if (code !== null) {
    // errorCodeOf found a code, so this is the client's error with the API's `data`.
    const data = (error as { data?: unknown }).data as {
      httpStatus?: number;
      zodError?: { fieldErrors?: Record<string, string[]> } | null;
    };
    const fields: Record<string, string> = {};
    for (const [name, messages] of Object.entries(data?.zodError?.fieldErrors ?? {})) {
      if (messages?.[0]) fields[name] = messages[0];
    }
    const retry = (data as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    const message =
      code === 'TOO_MANY_REQUESTS'
        ? `Too many attempts: try again in ${waitInWords(retry ?? 60)}.`
        : code === 'BAD_REQUEST' && Object.keys(fields).length > 0
          ? 'Please correct the fields marked below.'
          : (error as Error).message;
    return { status: data?.httpStatus ?? 400, message, fields, code };
  }
  console.error('API call failed:', error instanceof Error ? error.message : error);
  return {
    status: 503,
    message: 'The newsroom service is not answering right now. Please try again in a moment.',
    fields: {},
    code: null,
  };
}

function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
