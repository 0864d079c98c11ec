export * from './errors';
export * from './common';
export * from './auth';
export * from './org';
export * from './workflow';
export * from './notifications';
