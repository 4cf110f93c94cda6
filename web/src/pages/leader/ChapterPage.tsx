export default function ChapterPage() { return <h1 className="page-title">ChapterPage</h1>; }
