import { StandInError } from './responses.mjs';

/** An error in Drive v3's shape: {"error":{"code","message","errors":[{"domain","reason","message",…}]}}. */
export function driveError(code, reason, message, extra = {}) {
	return new StandInError(code, { error: { code, message, errors: [{ message, domain: 'global', reason, ...extra }] } });
}

export const fileNotFound = (id) =>
	driveError(404, 'notFound', `File not found: ${id}.`, { locationType: 'parameter', location: 'fileId' });
