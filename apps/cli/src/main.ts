#!/usr/bin/env node
/** `newsroom <command>`: operator work on the Store (migrate, seed, tokens, people). */
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), process.env);
