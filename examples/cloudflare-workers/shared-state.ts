// Request state kept where every request sees it (context-escape/no-shared-request-state).
import type { ExecutionContext, Request } from '@cloudflare/workers-types';

let config: Response | undefined;
const texts = new Map<string, string>();

export default {
  async fetch(request: Request, env: { CONFIG_URL: string }, ctx: ExecutionContext): Promise<Response> {
    // BUG(no-shared-request-state): a Response belongs to the request that fetched it.
    config ??= await fetch(env.CONFIG_URL);
    const settings = await config.clone().text();
    // OK(no-shared-request-state): plain data cached under a key.
    texts.set(request.url, settings);
    ctx.waitUntil(Promise.resolve());
    return new Response(texts.get(request.url));
  },
};
