// Request state kept where every request sees it (context-escape/no-shared-request-state).
import { H3, getRequestHeader } from 'h3';

const app = new H3();
let currentUser: string | undefined;

app.use(event => {
  // BUG(no-shared-request-state): one slot for every request in flight.
  currentUser = getRequestHeader(event, 'x-user');
  // OK(no-shared-request-state): event.context is this request's own store.
  event.context.user = getRequestHeader(event, 'x-user');
});

export { app, currentUser };
