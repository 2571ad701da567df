// Request state kept where every request sees it (context-escape/no-shared-request-state).
import { Elysia } from 'elysia';

let lastRequest: Request | undefined;

export const app = new Elysia()
  .state('hits', 0)
  .onRequest(({ request, store }) => {
    // BUG(no-shared-request-state): the request outlives its request here.
    lastRequest = request;
    // OK(no-shared-request-state): a counter in the app-wide store.
    store.hits++;
  })
  .get('/last', () => lastRequest?.url ?? '');
