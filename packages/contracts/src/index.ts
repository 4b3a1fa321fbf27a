export * from './address';
export * from './card';
export * from './events';
export * from './fields';
export * from './page';
