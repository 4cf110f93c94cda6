export default function TaskDetailPage() { return <h1 className="page-title">TaskDetailPage</h1>; }
