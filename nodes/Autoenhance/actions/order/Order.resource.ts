import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';

export const order: Record<string, Operation> = {};

export const orderDescription: INodeProperties[] = [];
