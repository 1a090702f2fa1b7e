// A client of the real server over HTTP, as a phone or a browser is: a session cookie and its CSRF token.
export type HttpSession = { cookie: string; csrfToken: string; userId: string };

export const DEMO_PASSWORD = 'shangliang-demo';

export async function signInOverHttp(baseURL: string, phone: string): Promise<HttpSession> {
  const response = await fetch(`${baseURL}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in ${phone}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await response.json()) as { csrfToken: string; user: { id: string } };
  return { cookie, csrfToken: body.csrfToken, userId: body.user.id };
}

export type Reply = { status: number; body: Record<string, unknown> };

/** Sends one request; a dropped connection (the server was killed) comes back as null, not as a throw. */
export async function send(
  baseURL: string,
  session: HttpSession,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply | null> {
  try {
    const response = await fetch(`${baseURL}${url}`, {
      method,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  } catch {
    return null;
  }
}
