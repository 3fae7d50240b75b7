// The templates the create form offers (adapters/templates.ts), for the create
// screen. Apart from vm-create.ts: that store is made before the first frame, the
// template data need not be.
export { findTemplate, templates } from '../adapters/templates.js';
