/** Every path of the Autoenhance API the nodes call, below the credential's base URL. */
export const IMAGES = '/v3/images/';
export const ORDERS = '/v3/orders/';
export const BRACKETS = '/v3/brackets/';

export function imagePath(imageId: string, action = ''): string {
	return `${IMAGES}${encodeURIComponent(imageId)}${action ? `/${action}` : ''}`;
}

export function orderPath(orderId: string, action = ''): string {
	return `${ORDERS}${encodeURIComponent(orderId)}${action ? `/${action}` : ''}`;
}

export function bracketPath(bracketId: string): string {
	return `${BRACKETS}${encodeURIComponent(bracketId)}`;
}
