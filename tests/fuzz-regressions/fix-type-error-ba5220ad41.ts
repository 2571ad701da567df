// Fuzzer regression (fix-type-error), linted as input.ts.
// no-escaping-context: the fix for `req` (uWS HttpRequest) hoists `const id` into the inner block but rewrites the use outside it too (TS2304 Cannot find name 'id').
import uWS from 'uWebSockets.js';

uWS.App().get('/', (res, req) => {
  {
    setTimeout(() => console.log(req.getHeader('x-id')), 1);
  }
  setTimeout(() => console.log(req.getHeader('x-id')), 1);
  res.end('ok');
});
