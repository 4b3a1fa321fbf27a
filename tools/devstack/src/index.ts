export * from './stack';
export * from './services';
export * from './ports';
export * from './process';
export * from './test-plan';
export * from './control-server';
