// The Google Drive and Dropbox examples set up as their sticky notes tell a user to: a credential
// in every Drive and Dropbox node and, for Drive, the two folders picked. Nothing else changes.
import { DRIVE_CREDENTIAL, DROPBOX_CREDENTIAL } from './index.mjs';

const CREDENTIAL_OF = {
	'n8n-nodes-base.googleDriveTrigger': DRIVE_CREDENTIAL,
	'n8n-nodes-base.googleDrive': DRIVE_CREDENTIAL,
	'n8n-nodes-base.dropbox': DROPBOX_CREDENTIAL,
};

const picked = (folder) => ({ __rl: true, value: folder.id, mode: 'list', cachedResultName: folder.name, cachedResultUrl: folder.webViewLink });

/** `folders`: { watch, upload }, Drive folders (as the stand-in stores them) for the Drive example. */
export function withStandIns(workflow, folders) {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			const credential = CREDENTIAL_OF[node.type];
			if (!credential) return node;
			const parameters = { ...node.parameters };
			if (folders && node.type === 'n8n-nodes-base.googleDriveTrigger') parameters.folderToWatch = picked(folders.watch);
			if (folders && node.type === 'n8n-nodes-base.googleDrive' && 'folderId' in parameters) parameters.folderId = picked(folders.upload);
			return { ...node, parameters, credentials: { [credential.type]: { id: credential.id, name: credential.name } } };
		}),
	};
}
