// Talks to the otq HTTP API (same origin only): JSON calls, the SSE answer stream, CSV download, and the optional bearer token.

const TOKEN_KEY = 'otq.token';

/** Raised for any non-2xx answer; `body` is the parsed `{error:{code,message}}` (plus `decision` for denials). */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

let onUnauthorized = () => {};
/** Called on 401 with `{message, rejectedToken}` so the page can ask for a token and say why the last one failed. */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

function headers(extra = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return { ...extra, ...(token ? { Authorization: `Bearer ${token}` } : {}) };
}

async function failure(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = { error: { code: 'HTTP', message: `the server answered ${res.status}` } };
  }
  if (res.status === 401) {
    // A token that was sent and refused is dropped, so the next request does not send it again.
    const rejectedToken = sessionStorage.getItem(TOKEN_KEY) !== null;
    if (rejectedToken) sessionStorage.removeItem(TOKEN_KEY);
    onUnauthorized({ message: body?.error?.message ?? `HTTP ${res.status}`, rejectedToken });
  }
  return new ApiError(res.status, body);
}

export async function getJson(path) {
  const res = await fetch(path, { headers: headers({ Accept: 'application/json' }) });
  if (!res.ok) throw await failure(res);
  return res.json();
}

export async function postJson(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json', Accept: 'application/json' }),
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await failure(res);
  return res.json();
}

/** POST /api/ask/stream: calls onProgress for each progress event and resolves with the final answer. */
export async function askStream(body, onProgress, signal) {
  const res = await fetch('/api/ask/stream', {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json', Accept: 'text/event-stream' }),
    body: JSON.stringify(body),
    signal,
  });
  if (!res.ok) throw await failure(res);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const frame = parseFrame(buffer.slice(0, end));
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      if (frame.event === 'progress') onProgress(JSON.parse(frame.data));
      else if (frame.event === 'answer') return JSON.parse(frame.data);
      else if (frame.event === 'error') {
        const body = JSON.parse(frame.data);
        throw new ApiError(0, body);
      }
    }
  }
  throw new ApiError(0, { error: { code: 'INTERNAL', message: 'the answer stream ended without an answer' } });
}

function parseFrame(text) {
  let event = 'message';
  const data = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return { event, data: data.join('\n') };
}

/** Fetches /api/results/ID.csv with the same credentials and saves it through a temporary object URL. */
export async function downloadCsv(resultId) {
  const res = await fetch(`/api/results/${encodeURIComponent(resultId)}.csv`, { headers: headers() });
  if (!res.ok) throw await failure(res);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'otq-result.csv';
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
