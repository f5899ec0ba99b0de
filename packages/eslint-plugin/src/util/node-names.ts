import type { TSESTree } from '@typescript-eslint/utils';

/**
 * The name the syntax tree gives a value, per host AST. Each function takes the string node
 * and a parent lookup; none of them looks at the value itself (core judges values).
 */
type Parent = (node: object) => object | undefined | null;

interface AnyNode {
  type: string;
  [key: string]: unknown;
}

function propertyKeyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (key.type === 'Identifier' && !computed) return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  if (key.type === 'PrivateIdentifier') return key.name;
  return undefined;
}

/** Wrappers a value can sit in and still be "the value" of its slot. */
const TRANSPARENT = new Set([
  'TemplateLiteral',
  'LogicalExpression',
  'ConditionalExpression',
  'BinaryExpression',
  'TSAsExpression',
  'TSNonNullExpression',
  'TSSatisfiesExpression',
  'TSTypeAssertion',
  'ChainExpression',
  'AwaitExpression',
]);

/** JS/TS: property key, variable, assignment target, class field, default value, JSX attribute. */
export function jsNameOf(node: TSESTree.Node): string | undefined {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  for (let depth = 0; parent && depth < 6; depth++) {
    switch (parent.type) {
      case 'Property':
        return parent.value === child ? propertyKeyName(parent.key, parent.computed) : undefined;
      case 'PropertyDefinition':
      case 'AccessorProperty':
        return parent.value === child ? propertyKeyName(parent.key, parent.computed) : undefined;
      case 'VariableDeclarator':
        return parent.init === child && parent.id.type === 'Identifier' ? parent.id.name : undefined;
      case 'AssignmentExpression':
        if (parent.right !== child) return undefined;
        if (parent.left.type === 'Identifier') return parent.left.name;
        if (parent.left.type === 'MemberExpression') return propertyKeyName(parent.left.property, parent.left.computed);
        return undefined;
      case 'AssignmentPattern':
        return parent.right === child && parent.left.type === 'Identifier' ? parent.left.name : undefined;
      case 'JSXAttribute':
        return parent.name.type === 'JSXIdentifier' ? parent.name.name : undefined;
      case 'JSXExpressionContainer':
        break;
      default:
        if (!TRANSPARENT.has(parent.type)) return undefined;
    }
    child = parent;
    parent = parent.parent;
  }
  return undefined;
}

/** @eslint/json (momoa): the `Member` name of a `String` value. */
export function momoaNameOf(node: AnyNode, parentOf: Parent): string | undefined {
  const parent = parentOf(node) as AnyNode | undefined;
  if (!parent || parent.type !== 'Member' || parent.value !== node) return undefined;
  const name = parent.name as AnyNode;
  return typeof name.value === 'string' ? name.value : typeof name.name === 'string' ? name.name : undefined;
}

/** jsonc-eslint-parser: the `JSONProperty` key of a `JSONLiteral` value. */
export function jsoncNameOf(node: AnyNode): string | undefined {
  const parent = node.parent as AnyNode | undefined;
  if (!parent || parent.type !== 'JSONProperty' || parent.value !== node) return undefined;
  const key = parent.key as AnyNode;
  return typeof key.name === 'string' ? key.name : typeof key.value === 'string' ? key.value : undefined;
}

/** yaml-eslint-parser: the `YAMLPair` key of a `YAMLScalar` value. */
export function yamlNameOf(node: AnyNode): string | undefined {
  const parent = node.parent as AnyNode | undefined;
  if (!parent || parent.type !== 'YAMLPair' || parent.value !== node) return undefined;
  const key = parent.key as AnyNode | null;
  if (!key || key.type !== 'YAMLScalar') return undefined;
  return key.value === null || key.value === undefined ? undefined : String(key.value);
}

/** toml-eslint-parser: the last key part of the `TOMLKeyValue` a string `TOMLValue` is assigned in. */
export function tomlNameOf(node: AnyNode): string | undefined {
  const parent = node.parent as AnyNode | undefined;
  if (!parent || parent.type !== 'TOMLKeyValue' || parent.value !== node) return undefined;
  const keys = (parent.key as AnyNode).keys as AnyNode[] | undefined;
  const last = keys?.[keys.length - 1];
  if (!last) return undefined;
  return typeof last.name === 'string' ? last.name : typeof last.value === 'string' ? last.value : undefined;
}

/** An ancestor key (or the file name) says AWS: weak names (`secret`, `secret_key`) then count. */
export function awsAncestor(node: AnyNode, parentOf: Parent, keyOf: (n: AnyNode) => string | undefined): boolean {
  let current: AnyNode | undefined = node;
  for (let depth = 0; current && depth < 12; depth++) {
    const key = keyOf(current);
    if (key && /aws|amazon/i.test(key)) return true;
    current = parentOf(current) as AnyNode | undefined;
  }
  return false;
}
