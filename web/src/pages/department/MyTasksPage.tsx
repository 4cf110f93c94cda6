export default function MyTasksPage() { return <h1 className="page-title">MyTasksPage</h1>; }
