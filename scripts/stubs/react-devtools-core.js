// Stands in for react-devtools-core in the bundle (scripts/build.mjs).
export default {};
