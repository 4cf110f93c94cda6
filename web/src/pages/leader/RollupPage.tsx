export default function RollupPage() { return <h1 className="page-title">RollupPage</h1>; }
