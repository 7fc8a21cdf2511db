// A small strict validator with marshmallow's messages, so errors read like the real API's
// APIFlask 422 bodies. JSON input is never coerced (a "true" string is not a boolean);
// query strings are parsed strictly ("1.5" is not an integer, "yes" is not a boolean).

const MESSAGES = {
	missing: 'Missing data for required field.',
	null: 'Field may not be null.',
	string: 'Not a valid string.',
	boolean: 'Not a valid boolean.',
	integer: 'Not a valid integer.',
	number: 'Not a valid number.',
	object: 'Not a valid mapping type.',
	array: 'Not a valid list.',
	schema: 'Invalid input type.',
};

const isPlainObject = (value) =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const TYPE_CHECKS = {
	string: (v) => typeof v === 'string',
	boolean: (v) => typeof v === 'boolean',
	integer: (v) => Number.isInteger(v),
	number: (v) => typeof v === 'number' && Number.isFinite(v),
	object: isPlainObject,
	array: Array.isArray,
};

const QUERY_PARSERS = {
	integer: (s) => (/^[+-]?\d+$/.test(s) ? Number(s) : s),
	number: (s) => (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s) ? Number(s) : s),
	boolean: (s) => ({ true: true, false: false })[s] ?? s,
};

/** Field-spec builders: t.integer({ min: 0, max: 5 }), t.oneOf(['a', 'b'], { nullable: true }) … */
export const t = {
	string: (opts = {}) => ({ type: 'string', ...opts }),
	boolean: (opts = {}) => ({ type: 'boolean', ...opts }),
	integer: (opts = {}) => ({ type: 'integer', ...opts }),
	number: (opts = {}) => ({ type: 'number', ...opts }),
	oneOf: (values, opts = {}) => ({ type: 'string', enum: values, ...opts }),
	object: (fields, opts = {}) => ({ type: 'object', fields, ...opts }),
	array: (items, opts = {}) => ({ type: 'array', items, ...opts }),
};

function rangeMessage({ min, max }) {
	if (min !== undefined && max !== undefined) {
		return `Must be greater than or equal to ${min} and less than or equal to ${max}.`;
	}
	return min !== undefined
		? `Must be greater than or equal to ${min}.`
		: `Must be less than or equal to ${max}.`;
}

function constraintError(spec, value) {
	if (spec.enum && !spec.enum.includes(value)) return `Must be one of: ${spec.enum.join(', ')}.`;
	if (spec.pattern && !spec.pattern.test(value)) return spec.patternMessage;
	if (spec.minLength !== undefined && value.length < spec.minLength) {
		return `Shorter than minimum length ${spec.minLength}.`;
	}
	const belowMin = spec.min !== undefined && value < spec.min;
	const aboveMax = spec.max !== undefined && value > spec.max;
	return belowMin || aboveMax ? rangeMessage(spec) : null;
}

function validateItems(spec, list, fromQuery) {
	const errors = {};
	const value = list.map((item, index) => {
		const result = validateValue(spec.items, item, fromQuery);
		if (result.errors) errors[index] = result.errors;
		return result.value;
	});
	return Object.keys(errors).length ? { errors } : { value };
}

function validateValue(spec, raw, fromQuery) {
	if (raw === null) return spec.nullable ? { value: null } : { errors: [MESSAGES.null] };
	const parse = fromQuery && typeof raw === 'string' ? QUERY_PARSERS[spec.type] : undefined;
	const value = parse ? parse(raw) : raw;
	if (!TYPE_CHECKS[spec.type](value)) return { errors: [MESSAGES[spec.type]] };
	if (spec.type === 'object' && spec.fields) return validateFields(spec.fields, value, fromQuery);
	const message = constraintError(spec, value);
	if (message) return { errors: [message] };
	return spec.type === 'array' && spec.items ? validateItems(spec, value, fromQuery) : { value };
}

function validateFields(fields, input, fromQuery) {
	if (!isPlainObject(input)) return { errors: { _schema: [MESSAGES.schema] } };
	const errors = {};
	const value = { ...input };
	for (const [name, spec] of Object.entries(fields)) {
		if (input[name] === undefined) {
			if (spec.required) errors[name] = [MESSAGES.missing];
			continue;
		}
		const result = validateValue(spec, input[name], fromQuery);
		if (result.errors) errors[name] = result.errors;
		else value[name] = result.value;
	}
	return Object.keys(errors).length ? { errors } : { value };
}

/**
 * Validates an object against a map of field specs. Unknown properties are kept (the API
 * accepts them). Returns { value } or { errors } keyed by field name.
 */
export function validate(fields, input, { fromQuery = false } = {}) {
	return validateFields(fields, input, fromQuery);
}
