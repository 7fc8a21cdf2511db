import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A required text parameter (or the value a resource locator points at), trimmed; an empty value is
 * an error that names the item and the field.
 */
export function requiredString(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const value = this.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!text) {
		throw new NodeOperationError(this.getNode(), `${label} is empty (item ${itemIndex})`, {
			itemIndex,
			description: `Set the "${label}" field, or map it from the input with an expression.`,
		});
	}
	return text;
}
