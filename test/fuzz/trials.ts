/**
 * Every fuzz trial, one module per kind of foreign input. A new decoder gets a `<name>.fuzz.ts`
 * exporting `trials` and one line here.
 */
import { trials as body } from './body.fuzz.js';
import { trials as config } from './config.fuzz.js';
import { trials as eventData } from './event-data.fuzz.js';
import { trials as journal } from './journal.fuzz.js';
import { trials as meta } from './meta.fuzz.js';
import { trials as note } from './note.fuzz.js';
import { trials as payload } from './payload.fuzz.js';
import { trials as replay } from './replay.fuzz.js';
import { trials as transcript } from './transcript.fuzz.js';
import { trialName, type Trial } from './trial.js';

export const allTrials: readonly Trial[] = [...note, ...payload, ...body, ...journal, ...eventData, ...transcript, ...config, ...meta, ...replay];

const names = allTrials.map(trialName);
const twice = names.filter((n, i) => names.indexOf(n) !== i);
if (twice.length) throw new Error(`fuzz trials with the same name: ${twice.join('; ')}`);
