<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AttendanceView</name>
    <message>
        <source>&amp;Unit:</source>
        <translation>单位(&amp;U)：</translation>
    </message>
    <message>
        <source>Find staff no., name or unit</source>
        <translation>查找工号、姓名或单位</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
    <message>
        <source>By person</source>
        <translation>按人员</translation>
    </message>
    <message>
        <source>By unit</source>
        <translation>按单位</translation>
    </message>
    <message>
        <source>Day sheet</source>
        <translation>日考勤</translation>
    </message>
    <message>
        <source>Month sheet</source>
        <translation>月统计</translation>
    </message>
    <message>
        <source> (so far today)</source>
        <translation>（今日截至目前）</translation>
    </message>
    <message>
        <source>Record &amp;leave…</source>
        <translation>请假登记(&amp;L)…</translation>
    </message>
    <message>
        <source>Record an approved leave</source>
        <translation>登记已批准的请假或公出</translation>
    </message>
    <message>
        <source>Signed &amp;correction…</source>
        <translation>补签(&amp;C)…</translation>
    </message>
    <message>
        <source>Record a signed correction (补签) for a missing punch</source>
        <translation>为缺卡登记经审批的补签</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Compute the sheet again</source>
        <translation>重新计算考勤表</translation>
    </message>
    <message>
        <source>Previous day</source>
        <translation>前一天</translation>
    </message>
    <message>
        <source>Next day</source>
        <translation>后一天</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Go to today</source>
        <translation>回到今天</translation>
    </message>
    <message>
        <source>Not a working day.</source>
        <translation>非工作日。</translation>
    </message>
    <message>
        <source>Could not compute the sheet: %1</source>
        <translation>考勤表计算失败：%1</translation>
    </message>
    <message>
        <source>%1 staff · late %2 · left early %3 · absent %4 · missing punches %5 · off post %6 · on leave %7</source>
        <translation>共 %1 人 · 迟到 %2 · 早退 %3 · 旷工 %4 · 缺卡 %5 · 脱岗 %6 · 请假 %7</translation>
    </message>
</context>
<context>
    <name>AttendanceWords</name>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <source>Left early</source>
        <translation>早退</translation>
    </message>
    <message>
        <source>Absent half a day</source>
        <translation>旷工半天</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺勤</translation>
    </message>
    <message>
        <source>On leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Missing punch</source>
        <translation>缺卡</translation>
    </message>
    <message>
        <source>Off post</source>
        <translation>脱岗</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>已补签</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>休息日</translation>
    </message>
    <message>
        <source>Official leave</source>
        <translation>公假</translation>
    </message>
    <message>
        <source>Personal leave</source>
        <translation>事假</translation>
    </message>
    <message>
        <source>Sick leave</source>
        <translation>病假</translation>
    </message>
    <message>
        <source>Short outing</source>
        <translation>临时外出</translation>
    </message>
    <message>
        <source>Vacation</source>
        <translation>休假</translation>
    </message>
    <message>
        <source>Morning in</source>
        <translation>上午上班</translation>
    </message>
    <message>
        <source>Morning out</source>
        <translation>上午下班</translation>
    </message>
    <message>
        <source>Afternoon in</source>
        <translation>下午上班</translation>
    </message>
    <message>
        <source>Afternoon out</source>
        <translation>下午下班</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Signed correction</source>
        <translation>补签</translation>
    </message>
    <message>
        <source>&amp;Staff:</source>
        <translation>人员(&amp;S)：</translation>
    </message>
    <message>
        <source>Punch &amp;time:</source>
        <translation>补签时间(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>事由(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Approved by:</source>
        <translation>审批人(&amp;A)：</translation>
    </message>
    <message>
        <source>why the punch is missing</source>
        <translation>缺卡原因</translation>
    </message>
    <message>
        <source>who signed the correction</source>
        <translation>签批补签的人</translation>
    </message>
    <message>
        <source>Choose a person from the list.</source>
        <translation>请从列表中选择人员。</translation>
    </message>
    <message>
        <source>There is no hall yet.</source>
        <translation>尚未设置大厅。</translation>
    </message>
</context>
<context>
    <name>DaySheetTableModel</name>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Morning in</source>
        <translation>上午上班</translation>
    </message>
    <message>
        <source>Morning out</source>
        <translation>上午下班</translation>
    </message>
    <message>
        <source>Afternoon in</source>
        <translation>下午上班</translation>
    </message>
    <message>
        <source>Afternoon out</source>
        <translation>下午下班</translation>
    </message>
    <message>
        <source>Late (min)</source>
        <translation>迟到(分)</translation>
    </message>
    <message>
        <source>Early (min)</source>
        <translation>早退(分)</translation>
    </message>
    <message>
        <source>Absent (half days)</source>
        <translation>旷工(半天)</translation>
    </message>
    <message>
        <source>Missing punches</source>
        <translation>缺卡</translation>
    </message>
    <message>
        <source>Off post (min)</source>
        <translation>脱岗(分)</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺卡</translation>
    </message>
    <message>
        <source>The day is not over: judged up to now.</source>
        <translation>当天尚未结束：按截至目前的记录判定。</translation>
    </message>
    <message>
        <source>%1 (corrected)</source>
        <translation>%1（补）</translation>
    </message>
    <message>
        <source>Punches: %1</source>
        <translation>打卡：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Signed corrections: %1</source>
        <translation>补签：%1</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>缺卡：%1</translation>
    </message>
</context>
<context>
    <name>InputErrors</name>
    <message>
        <source>The end must be after the start.</source>
        <translation>结束时间须晚于开始时间。</translation>
    </message>
    <message>
        <source>This time is in the future: record what has happened.</source>
        <translation>该时间晚于当前时间：只能登记已经发生的情况。</translation>
    </message>
    <message>
        <source>Name who approved it.</source>
        <translation>请填写审批人。</translation>
    </message>
    <message>
        <source>Give the reason.</source>
        <translation>请填写事由。</translation>
    </message>
    <message>
        <source>Overlaps the %2 of %1 (%3): change the times, or cancel that leave first.</source>
        <translation>与%1的%2（%3）重叠：请修改时间，或先撤销那次请假。</translation>
    </message>
    <message>
        <source>%1 is on %2 until %3: approved leave is not an absence.</source>
        <translation>%1 %2至 %3：已批准的请假不算缺勤。</translation>
    </message>
</context>
<context>
    <name>LeaveDialog</name>
    <message>
        <source>Record leave</source>
        <translation>请假登记</translation>
    </message>
    <message>
        <source>&amp;Staff:</source>
        <translation>人员(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K)：</translation>
    </message>
    <message>
        <source>S&amp;tarts:</source>
        <translation>开始时间(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Ends:</source>
        <translation>结束时间(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>事由(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Approved by:</source>
        <translation>审批人(&amp;A)：</translation>
    </message>
    <message>
        <source>e.g. a meeting at the district office</source>
        <translation>例如：到区政务办参加会议</translation>
    </message>
    <message>
        <source>who signed the leave</source>
        <translation>批准请假的人</translation>
    </message>
    <message>
        <source>Choose a person from the list.</source>
        <translation>请从列表中选择人员。</translation>
    </message>
    <message>
        <source>There is no hall yet.</source>
        <translation>尚未设置大厅。</translation>
    </message>
</context>
<context>
    <name>MonthTableModel</name>
    <message>
        <source>Late (times)</source>
        <translation>迟到(次)</translation>
    </message>
    <message>
        <source>Left early (times)</source>
        <translation>早退(次)</translation>
    </message>
    <message>
        <source>Absent (half days)</source>
        <translation>旷工(半天)</translation>
    </message>
    <message>
        <source>Off post (times)</source>
        <translation>脱岗(次)</translation>
    </message>
    <message>
        <source>Leave (days)</source>
        <translation>请假(天)</translation>
    </message>
    <message>
        <source>Missing punches</source>
        <translation>缺卡(次)</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>StaffMonthTableModel</name>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
</context>
<context>
    <name>UnitFilter</name>
    <message>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
</context>
<context>
    <name>UnitMonthTableModel</name>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>人数</translation>
    </message>
</context>
</TS>
