// Fuzzer regression (fix-type-error), linted as input.ts.
// no-escaping-context (defaults): `request` (uWS HttpRequest) is used inside a then() callback that runs after the request may have ended. Copy what you need before scheduling it. (TypeScript errors 0 -> 1)
import { EventEmitter } from 'node:events';
import { readFile, stat } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import uWS from 'uWebSockets.js';

const bus = new EventEmitter();
function inspect(value: unknown): void {
  void value;
}
async function sendLater(value: unknown): Promise<void> {
  await delay(1);
  inspect(value);
}
function legacy(callback: (err: Error | null, value?: string) => void): void {
  setTimeout(() => callback(null, 'x'), 1);
}
const uwsApp = uWS.App();

uwsApp.get('/u0', (res, request) => {
  try {
    fetch('https://example.com/').then((response) => {
      inspect(response.status);
      console.log(request.getHeader('x-id'));
      inspect(4);
    });
    const part3 = res;
    setTimeout(() => inspect(part3), 1);
  } finally {
    setTimeout(() => {
      console.log(request.getHeader('x-id'));
    }, 1);
  }
  inspect(4);
  res.end('ok');
});
