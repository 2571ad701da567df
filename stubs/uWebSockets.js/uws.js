'use strict';
// Type-only stand-in: the real package loads a native addon here.
throw new Error('uWebSockets.js stand-in: install the real package from GitHub to run a server.');
