export default function TaskTimelinePage() { return <h1 className="page-title">TaskTimelinePage</h1>; }
