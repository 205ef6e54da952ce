/** Says that a plan's figures were generated for the demonstration (示例数据), on its board and goal pages. */
export function SampleDataNotice({ className = "mb-3" }: { className?: string }) {
  return (
    <p role="note" data-testid="sample-data-notice" className={`${className} rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900`}>
      <strong className="font-semibold">示例数据：</strong>本计划的填报记录为系统生成的演示数据，仅供体验，正式使用前请删除或新建计划。
    </p>
  );
}
