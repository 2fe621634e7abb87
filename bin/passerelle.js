#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so the command never lags behind the code.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
