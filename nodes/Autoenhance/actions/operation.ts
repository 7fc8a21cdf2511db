import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** Runs once per input item; the router adds `pairedItem` and handles Continue On Fail. */
export interface PerItemOperation {
	mode: 'perItem';
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}

/** Runs once for all input items together and sets `pairedItem` on what it returns. */
export interface BatchOperation {
	mode: 'batch';
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export type Operation = PerItemOperation | BatchOperation;
