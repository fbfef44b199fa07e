/**
 * What a browser does during a sign-in, no more: follow redirects, keep each server's
 * cookies (per host and port, which is stricter than a browser and enough here), read
 * forms and submit them.
 */
export class TestBrowser {
  readonly #jar = new Map<string, Map<string, string>>();

  /** Fetches `url`, following redirects; returns the final page. */
  async open(
    url: string,
    init: {
      method?: string;
      form?: Record<string, string>;
      headers?: Record<string, string>;
    } = {},
  ): Promise<{ url: string; status: number; body: string }> {
    let current = url;
    let request = init;
    for (let hop = 0; hop < 20; hop++) {
      const res = await fetch(current, {
        method: request.method ?? (request.form ? 'POST' : 'GET'),
        redirect: 'manual',
        headers: {
          ...request.headers,
          ...(request.form && {
            'content-type': 'application/x-www-form-urlencoded',
          }),
          cookie: this.#cookieHeader(current),
        },
        body: request.form ? new URLSearchParams(request.form) : undefined,
      });
      this.#store(current, res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        current = new URL(location, current).toString();
        request = {};
        continue;
      }
      return { url: current, status: res.status, body: await res.text() };
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }

  /** The page's first form: where it posts, and its fields with their values. */
  static form(page: { url: string; body: string }) {
    const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(
      page.body,
    );
    if (!form) {
      throw new Error(`no form on ${page.url}: ${page.body.slice(0, 500)}`);
    }
    const fields: Record<string, string> = {};
    for (const input of form[2].matchAll(/<input[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      if (name) fields[name] = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    }
    return { action: new URL(form[1], page.url).toString(), fields };
  }

  #cookieHeader(url: string) {
    const cookies = this.#jar.get(new URL(url).host) ?? new Map();
    return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  #store(url: string, setCookies: string[]) {
    const host = new URL(url).host;
    const cookies = this.#jar.get(host) ?? new Map<string, string>();
    this.#jar.set(host, cookies);
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attributes.some(attribute => {
        const [key, val = ''] = attribute.trim().split('=');
        return (
          (key.toLowerCase() === 'max-age' && Number(val) <= 0) ||
          (key.toLowerCase() === 'expires' && Date.parse(val) < Date.now())
        );
      });
      if (expired) cookies.delete(name);
      else cookies.set(name, value);
    }
  }
}
