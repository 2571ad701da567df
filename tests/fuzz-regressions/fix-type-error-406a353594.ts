// Fuzzer regression (fix-type-error), linted as input.ts.
// no-escaping-context (defaults): `req` (Express Request) is used inside a 'event' listener that runs after the request may have ended. Copy what you need before scheduling it. (TypeScript errors 0 -> 2)
import { EventEmitter } from 'node:events';
import { readFile, stat } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import express from 'express';
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from 'express';

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
const expressApp = express();
const expressRouter = express.Router();

expressApp.get('/e0', (req, response) => {
  bus['on']('event', () => {
    setTimeout(() => {
      console.log(req.query);
      inspect(1);
    }, 1);
    inspect(2);
  });
  setTimeout(() => {
    const copy4 = req.query;
    setTimeout(() => inspect(copy4), 1);
  }, 1);
  response.send('ok');
});
