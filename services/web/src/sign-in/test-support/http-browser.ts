/** A browser without a browser for the sign-in's HTTP tests: follows redirects by hand and keeps cookies. */
export type Hop = { status: number; url: string; location?: string; body: string; setCookies: string[] };

export const createHttpBrowser = () => {
  const jar = new Map<string, string>();
  const remember = (setCookies: string[]) => {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0/i.test(a.trim()));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const request = async (
    url: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Hop> => {
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        ...(jar.size ? { cookie: cookieHeader() } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...init.headers,
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    const setCookies = response.headers.getSetCookie();
    remember(setCookies);
    const location = response.headers.get('location');
    return {
      status: response.status,
      url,
      body: await response.text(),
      setCookies,
      ...(location ? { location: new URL(location, url).href } : {}),
    };
  };
  /** Follows redirects (GET) until a page answers; returns every hop. */
  const follow = async (url: string, init: Parameters<typeof request>[1] = {}): Promise<Hop[]> => {
    const hops = [await request(url, init)];
    while (hops.at(-1)!.location && hops.length < 20) hops.push(await request(hops.at(-1)!.location!));
    return hops;
  };
  return { jar, request, follow };
};
