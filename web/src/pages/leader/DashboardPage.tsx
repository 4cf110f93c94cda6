export default function DashboardPage() { return <h1 className="page-title">DashboardPage</h1>; }
