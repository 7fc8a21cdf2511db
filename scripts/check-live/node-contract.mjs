// What the check shares with the node (built into dist/ by `npm run build`): the API version it
// sends and the paths it calls, so the check asks exactly what the node asks.
export { API_VERSION } from '../../dist/nodes/Autoenhance/transport/apiVersion.js';
export { BRACKETS, IMAGES, ORDERS, bracketPath, imagePath, orderPath } from '../../dist/nodes/Autoenhance/api/paths.js';
