// Just enough JSX typing for page.tsx; a real Next.js app gets it from @types/react.
declare namespace JSX {
  type Element = unknown;
  interface IntrinsicElements {
    [element: string]: Record<string, unknown>;
  }
}
