<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FollowUpTableModel</name>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Overdue: %1 working days</source>
        <translation>超期 %1 个工作日</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Closed late</source>
        <translation>逾期关闭</translation>
    </message>
    <message>
        <source> (provisional)</source>
        <translation>（待确认）</translation>
    </message>
    <message>
        <source>Pending review</source>
        <translation>待复核</translation>
    </message>
    <message>
        <source>Approved: rating mistaken</source>
        <translation>复核通过（误评）</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>回访期限</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>取号</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Rated at</source>
        <translation>评价时间</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Appeal</source>
        <translation>申诉</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>未回访</translation>
    </message>
    <message>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
</context>
<context>
    <name>FollowUpView</name>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Generate follow-up tasks</source>
        <translation>生成整改任务</translation>
    </message>
    <message>
        <source>Open a follow-up task for every bad rating that has none yet</source>
        <translation>为每条还没有整改任务的差评生成任务</translation>
    </message>
    <message>
        <source>Follow-up call</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>Call &amp;time:</source>
        <translation>回访时间(&amp;T)：</translation>
    </message>
    <message>
        <source>Called &amp;by:</source>
        <translation>回访人(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;What was said:</source>
        <translation>回访内容(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Record call</source>
        <translation>保存回访(&amp;R)</translation>
    </message>
    <message>
        <source>C&amp;lose task</source>
        <translation>关闭任务(&amp;L)</translation>
    </message>
    <message>
        <source>A task closes once its follow-up call is recorded</source>
        <translation>记录回访后才能关闭任务</translation>
    </message>
    <message>
        <source>Appeal</source>
        <translation>申诉复核</translation>
    </message>
    <message>
        <source>Reas&amp;on:</source>
        <translation>申诉理由(&amp;O)：</translation>
    </message>
    <message>
        <source>Review &amp;note:</source>
        <translation>复核意见(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;File appeal</source>
        <translation>提交申诉(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>复核通过(&amp;A)</translation>
    </message>
    <message>
        <source>The rating is mistaken: it stays recorded but leaves the bad-rating rate</source>
        <translation>认定为误评：原评价保留，但不计入差评率</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>驳回申诉(&amp;J)</translation>
    </message>
    <message>
        <source>Why the appeal is approved or rejected</source>
        <translation>说明通过或驳回的理由</translation>
    </message>
    <message>
        <source>%1 tasks</source>
        <translation>共 %1 项</translation>
    </message>
    <message>
        <source>Choose a task to record its call or its appeal.</source>
        <translation>请选择一项任务，记录回访或处理申诉。</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>取号</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Rated at</source>
        <translation>评价时间</translation>
    </message>
    <message>
        <source>Follow up by</source>
        <translation>回访期限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <source>No appeal. Appeal a mistaken or malicious rating with its reason.</source>
        <translation>暂无申诉。误评或恶意评价可填写理由提出申诉。</translation>
    </message>
    <message>
        <source>Filed by %1 on %2.</source>
        <translation>%1 于 %2 提交申诉。</translation>
    </message>
    <message>
        <source>Waiting for another person to review it.</source>
        <translation>等待他人复核。</translation>
    </message>
    <message>
        <source>Approved by %1 on %2: the rating is mistaken and leaves the bad-rating rate.</source>
        <translation>%1 于 %2 复核通过：认定为误评，不计入差评率。</translation>
    </message>
    <message>
        <source>Rejected by %1 on %2: the rating counts.</source>
        <translation>%1 于 %2 驳回申诉：该评价照常计入。</translation>
    </message>
    <message>
        <source>New follow-up tasks: %1</source>
        <translation>新增整改任务：%1 项</translation>
    </message>
    <message>
        <source>Call recorded.</source>
        <translation>回访记录已保存。</translation>
    </message>
    <message>
        <source>Task closed.</source>
        <translation>任务已关闭。</translation>
    </message>
    <message>
        <source>Appeal filed: another person reviews it.</source>
        <translation>申诉已提交，须由他人复核。</translation>
    </message>
    <message>
        <source>Appeal approved.</source>
        <translation>申诉已复核通过。</translation>
    </message>
    <message>
        <source>Appeal rejected.</source>
        <translation>申诉已驳回。</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>意外错误：%1</translation>
    </message>
    <message>
        <source>Name the person who made the call.</source>
        <translation>请填写回访人。</translation>
    </message>
    <message>
        <source>Write what was said in the call.</source>
        <translation>请填写回访内容。</translation>
    </message>
    <message>
        <source>Give the reason of the appeal.</source>
        <translation>请填写申诉理由。</translation>
    </message>
    <message>
        <source>Write a note that says why.</source>
        <translation>请填写复核意见，说明理由。</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>此项必填。</translation>
    </message>
    <message>
        <source>Too long: at most %1 characters.</source>
        <translation>过长：最多 %1 个字符。</translation>
    </message>
    <message>
        <source>The call time is in the future: record a call that has happened.</source>
        <translation>回访时间晚于当前时间：请记录已经完成的回访。</translation>
    </message>
    <message>
        <source>The call time is before the rating (%1).</source>
        <translation>回访时间早于评价时间（%1）。</translation>
    </message>
    <message>
        <source>This task was closed by %2; a closed task stays as it is.</source>
        <translation>该任务已由 %2 关闭，关闭后不能再修改。</translation>
    </message>
    <message>
        <source>Record the follow-up call (time, who called, what was said) before closing the task.</source>
        <translation>请先记录回访（时间、回访人、回访内容），再关闭任务。</translation>
    </message>
    <message>
        <source>This rating was already appealed by %2; a rating is appealed once.</source>
        <translation>%2 已对该评价提出申诉，每条评价只能申诉一次。</translation>
    </message>
    <message>
        <source>There is no appeal to review: file the appeal first.</source>
        <translation>尚无申诉可复核，请先提交申诉。</translation>
    </message>
    <message>
        <source>This appeal was already reviewed by %2; an appeal is reviewed once.</source>
        <translation>该申诉已由 %2 复核，每条申诉只复核一次。</translation>
    </message>
    <message>
        <source>%1 filed this appeal and cannot also review it: another person must.</source>
        <translation>%1 是该申诉的提交人，不能复核自己的申诉，须由他人复核。</translation>
    </message>
    <message>
        <source>This task no longer exists; refresh the list.</source>
        <translation>该任务已不存在，请刷新列表。</translation>
    </message>
</context>
</TS>
