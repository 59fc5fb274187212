#!/usr/bin/env node
// Lints every Camunda Form (forms/**/*.form) for Tasklist 7.24, which embeds form-js 1.8.7.
//
// Per file: valid JSON; the document shape form-js 1.8.x accepts (schema below, property names
// after the form-js JSON schema of that release, since no version of that schema is published on
// npm); the project's rules (a form id, unique across files; every input field has a key and a
// Chinese label); and an import and render with @bpmn-io/form-js-viewer 1.8.7 itself in jsdom, which
// rejects unknown field types, duplicate ids and clashing keys exactly as Tasklist would.
// Prints one line per problem and exits 1 if there is any.
//
// usage: node tools/lint-forms.mjs [DIR_OR_FILE ...]   (default: forms)

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const CJK = /[\u4e00-\u9fff]/;

// --- a DOM for form-js (it creates its container on construction) ---------------------------
const virtualConsole = new VirtualConsole();
const domErrors = [];
virtualConsole.on('jsdomError', (e) => {
  if (!/not implemented/i.test(e.message)) domErrors.push(e.message);
});
const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true, virtualConsole });
const { window } = dom;
globalThis.window = window;
globalThis.document = window.document;
for (const name of ['Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent', 'KeyboardEvent', 'MouseEvent',
  'FocusEvent', 'InputEvent', 'MutationObserver', 'DOMParser', 'getComputedStyle', 'requestAnimationFrame',
  'cancelAnimationFrame']) {
  if (!(name in globalThis)) {
    globalThis[name] = typeof window[name] === 'function' && /^[a-z]/.test(name) ? window[name].bind(window) : window[name];
  }
}
if (!('navigator' in globalThis)) globalThis.navigator = window.navigator;
if (!window.ResizeObserver) {
  window.ResizeObserver = globalThis.ResizeObserver = class { observe() {} unobserve() {} disconnect() {} };
}

// CommonJS build: the ES build imports 'lodash/isEqual' without an extension, which Node's ESM loader rejects.
const viewer = require('@bpmn-io/form-js-viewer');
const viewerVersion = require('@bpmn-io/form-js-viewer/package.json').version;

// Field types and which of them bind a variable, as registered in the installed viewer.
const probe = new viewer.Form();
const registered = probe.get('formFields')._formFields;
probe.destroy();
const fieldTypes = Object.keys(registered).filter((t) => t !== 'default');
const keyedTypes = new Set(fieldTypes.filter((t) => registered[t].config.keyed));
const labelledInput = (type) => keyedTypes.has(type) && type !== 'expression'; // an expression field has no label

// --- document shape (form-js 1.8.x, schemaVersion <= the viewer's) -------------------------------
const expressionOr = (type) => ({ type: [type, 'string'] });
const componentSchema = {
  type: 'object',
  required: ['type'],
  additionalProperties: false,
  properties: {
    type: { enum: fieldTypes },
    id: { type: 'string', minLength: 1 },
    key: { type: 'string', pattern: '^\\w+(\\.\\w+)*$' },
    path: { type: 'string', pattern: '^(\\w+(\\.\\w+)*)*$' },
    label: { type: 'string' },
    description: { type: 'string' },
    text: { type: 'string' },
    readonly: expressionOr('boolean'),
    disabled: { type: 'boolean' },
    defaultValue: { type: ['string', 'boolean', 'number', 'array'] },
    action: { enum: ['submit', 'reset'] },
    source: { type: 'string' },
    alt: { type: 'string' },
    url: { type: 'string' },
    content: { type: 'string' },
    expression: { type: 'string' },
    computeOn: { enum: ['change', 'presubmit'] },
    subtype: { enum: ['date', 'time', 'datetime'] },
    dateLabel: { type: 'string' },
    timeLabel: { type: 'string' },
    use24h: { type: 'boolean' },
    timeSerializingFormat: { enum: ['utc_offset', 'utc_normalized', 'no_timezone'] },
    timeInterval: { type: 'integer', minimum: 1, maximum: 60 },
    disallowPassedDates: { type: 'boolean' },
    increment: { type: ['number', 'string'] },
    decimalDigits: { type: 'integer', minimum: 0 },
    serializeToString: { type: 'boolean' },
    searchable: { type: 'boolean' },
    valuesKey: { type: 'string', pattern: '^[^\\s]*$' },
    valuesExpression: { type: 'string' },
    values: {
      type: 'array',
      items: {
        type: 'object',
        required: ['label', 'value'],
        additionalProperties: false,
        properties: { label: { type: 'string', minLength: 1 }, value: { type: 'string', minLength: 1 } },
      },
    },
    validate: {
      type: 'object',
      additionalProperties: false,
      properties: {
        required: { type: 'boolean' },
        minLength: expressionOr('integer'),
        maxLength: expressionOr('integer'),
        min: expressionOr('number'),
        max: expressionOr('number'),
        pattern: { type: 'string' },
        validationType: { enum: ['email', 'phone', 'custom'] },
      },
    },
    layout: {
      type: 'object',
      additionalProperties: false,
      properties: { row: { type: 'string' }, columns: { type: ['integer', 'null'], minimum: 1, maximum: 16 } },
    },
    appearance: {
      type: 'object',
      additionalProperties: false,
      properties: { prefixAdorner: { type: 'string' }, suffixAdorner: { type: 'string' } },
    },
    conditional: {
      type: 'object',
      additionalProperties: false,
      properties: { hide: { type: 'string' } },
    },
    properties: { type: 'object', additionalProperties: { type: 'string' } },
    height: { type: 'number' },
    security: { type: 'object', additionalProperties: { type: 'boolean' } },
    components: { type: 'array', items: { $ref: '#/definitions/component' } },
    showOutline: { type: 'boolean' },
    verticalAlignment: { enum: ['start', 'center', 'end'] },
    isRepeating: { type: 'boolean' },
    allowAddRemove: { type: 'boolean' },
    defaultRepetitions: { type: 'integer', minimum: 0 },
    nonCollapsedItems: { type: 'integer', minimum: 1 },
    columns: {
      type: 'array',
      items: {
        type: 'object',
        required: ['label', 'key'],
        additionalProperties: false,
        properties: { label: { type: 'string' }, key: { type: 'string' } },
      },
    },
    columnsExpression: { type: 'string' },
    rowCount: { type: 'integer', minimum: 1 },
    dataSource: { type: 'string' },
  },
};
const formSchema = {
  type: 'object',
  required: ['id', 'type', 'schemaVersion', 'executionPlatform', 'executionPlatformVersion', 'components'],
  additionalProperties: false,
  definitions: { component: componentSchema },
  properties: {
    id: { type: 'string', minLength: 1 },
    type: { const: 'default' },
    schemaVersion: { type: 'integer', minimum: 1, maximum: viewer.schemaVersion },
    executionPlatform: { const: 'Camunda Platform' },
    executionPlatformVersion: { type: 'string', pattern: '^7\\.\\d+(\\.\\d+)?$' },
    versionTag: { type: 'string' },
    exporter: {
      type: 'object',
      required: ['name', 'version'],
      properties: { name: { type: 'string' }, version: { type: 'string' } },
    },
    components: { type: 'array', items: { $ref: '#/definitions/component' } },
  },
};
const validateShape = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(formSchema);

// --- files ----------------------------------------------------------------------------------------
function formFiles(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return [];
  }
  if (stat.isFile()) return path.endsWith('.form') ? [path] : [];
  return readdirSync(path).sort().flatMap((name) => formFiles(join(path, name)));
}

const roots = process.argv.slice(2);
const files = (roots.length ? roots : ['forms']).flatMap(formFiles);
let problems = 0;
const formIds = new Map();

function walk(components, visit) {
  for (const c of components || []) {
    visit(c);
    walk(c.components, visit);
  }
}

for (const file of files) {
  const name = relative(process.cwd(), file);
  const report = (msg) => {
    problems += 1;
    console.log(`${name}: ${msg}`);
  };

  let schema;
  try {
    schema = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    report(`not valid JSON: ${e.message}`);
    continue;
  }

  if (!validateShape(schema)) {
    for (const e of validateShape.errors) {
      const where = e.instancePath || '/';
      const detail = e.params?.additionalProperty ? ` '${e.params.additionalProperty}'`
        : e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : '';
      report(`${where}: ${e.message}${detail}`);
    }
  }

  if (typeof schema?.id === 'string' && schema.id) {
    if (formIds.has(schema.id)) report(`form id '${schema.id}' is also used by ${formIds.get(schema.id)}`);
    else formIds.set(schema.id, name);
  }

  if (Array.isArray(schema?.components)) {
    walk(schema.components, (c) => {
      if (!c || !labelledInput(c.type)) return;
      const what = `${c.type} ${c.id || c.key || '(no id)'}`;
      if (!c.key) report(`${what}: input field without a key (the process variable it sets)`);
      if (!c.label || !CJK.test(c.label)) report(`${what}: label '${c.label ?? ''}' is not Chinese`);
    });
  }

  // Import and render with the viewer Tasklist embeds.
  domErrors.length = 0;
  const container = document.createElement('div');
  document.body.appendChild(container);
  const form = new viewer.Form({ container });
  try {
    await form.importSchema(schema, {});
  } catch (e) {
    report(`form-js ${viewerVersion} cannot import it: ${e.message}`);
  } finally {
    form.destroy();
    container.remove();
  }
  for (const msg of domErrors) report(`form-js ${viewerVersion} failed rendering it: ${msg}`);
}

console.log(`forms: ${files.length} files, ${problems} problems (form-js-viewer ${viewerVersion}, schemaVersion <= ${viewer.schemaVersion})`);
process.exit(problems ? 1 : 0);
