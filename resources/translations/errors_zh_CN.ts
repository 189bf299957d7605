<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ErrorText</name>
    <message>
        <source>This field cannot be changed here.</source>
        <translation>此项不能在这里修改。</translation>
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
        <source>The file %1 does not exist.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file.</source>
        <translation>%1 是文件夹，不是文件。</translation>
    </message>
    <message>
        <source>The file %1 cannot be read. Check that no other program has it open.</source>
        <translation>无法读取文件 %1。请确认没有其他程序正在使用该文件。</translation>
    </message>
    <message>
        <source>%1 is empty. Export the data again.</source>
        <translation>%1 是空文件。请重新导出数据。</translation>
    </message>
    <message>
        <source>%1 is not a text file or workbook. Export the records as CSV, text or .xlsx.</source>
        <translation>%1 不是文本文件或 Excel 工作簿。请将记录导出为 CSV、文本或 .xlsx 文件。</translation>
    </message>
    <message>
        <source>%1 is neither UTF-8 nor GB18030 text. Save it again as UTF-8 or GB18030 CSV, or as .xlsx.</source>
        <translation>%1 既不是 UTF-8 也不是 GB18030 编码的文本。请另存为 UTF-8 或 GB18030 编码的 CSV，或 .xlsx。</translation>
    </message>
    <message>
        <source>%1 cannot be read as a workbook. Open it in Excel or WPS (remove a password if it has one), save it again as .xlsx, or export CSV.</source>
        <translation>无法读取工作簿 %1。请用 Excel 或 WPS 打开（如设有密码请先取消），另存为 .xlsx，或导出 CSV。</translation>
    </message>
    <message>
        <source>%1 is an Excel workbook, not a ZKTeco attlog file. Import it as a punch export.</source>
        <translation>%1 是 Excel 工作簿，不是中控 attlog 文件。请按“打卡记录”导入。</translation>
    </message>
    <message>
        <source>%1 has no rows to import.</source>
        <translation>%1 中没有可导入的数据行。</translation>
    </message>
    <message>
        <source>%1 is far too long for a staff roster.</source>
        <translation>%1 行数过多，不像人员名单。</translation>
    </message>
    <message>
        <source>The import was cancelled. Nothing was saved.</source>
        <translation>导入已取消，未保存任何数据。</translation>
    </message>
    <message>
        <source>Unknown PIN %1: no staff member has it</source>
        <translation>考勤号 %1 不存在：没有工作人员使用该号码</translation>
    </message>
    <message>
        <source>PIN %1 belongs to several staff members</source>
        <translation>考勤号 %1 同时属于多名工作人员</translation>
    </message>
    <message>
        <source>The PIN is empty</source>
        <translation>考勤号为空</translation>
    </message>
    <message>
        <source>The time is missing</source>
        <translation>缺少时间</translation>
    </message>
    <message>
        <source>Cannot read the time “%1”</source>
        <translation>无法识别时间“%1”</translation>
    </message>
    <message>
        <source>Cannot read the date “%1”</source>
        <translation>无法识别日期“%1”</translation>
    </message>
    <message>
        <source>The time %1 is out of range</source>
        <translation>时间 %1 超出范围</translation>
    </message>
    <message>
        <source>Unknown window %1</source>
        <translation>窗口 %1 不存在</translation>
    </message>
    <message>
        <source>The line is not text in the file's encoding</source>
        <translation>该行不是文件编码下的有效文本</translation>
    </message>
    <message>
        <source>The staff number is empty</source>
        <translation>工号为空</translation>
    </message>
    <message>
        <source>“%1” is too long</source>
        <translation>“%1”过长</translation>
    </message>
    <message>
        <source>Unknown window role “%1”: write A角 or B角</source>
        <translation>无法识别的岗位角色“%1”：请填写 A角 或 B角</translation>
    </message>
    <message>
        <source>Staff number %1 appears again with other values</source>
        <translation>工号 %1 重复出现且内容不一致</translation>
    </message>
    <message>
        <source>PIN %1 is given to two people in the file</source>
        <translation>文件中考勤号 %1 分配给了两个人</translation>
    </message>
    <message>
        <source>Window %1 has two primary staff members in the file</source>
        <translation>文件中窗口 %1 有两名 A角 人员</translation>
    </message>
    <message>
        <source>A new staff member needs a name</source>
        <translation>新增人员必须填写姓名</translation>
    </message>
    <message>
        <source>PIN %1 already belongs to another staff member</source>
        <translation>考勤号 %1 已属于其他工作人员</translation>
    </message>
    <message>
        <source>The ticket number is empty</source>
        <translation>票号为空</translation>
    </message>
    <message>
        <source>The case number is empty</source>
        <translation>办件编号为空</translation>
    </message>
    <message>
        <source>Unknown service item %1</source>
        <translation>未知事项 %1</translation>
    </message>
    <message>
        <source>Service item %1 matches several items</source>
        <translation>事项 %1 对应多个事项</translation>
    </message>
    <message>
        <source>Unknown operator %1</source>
        <translation>未知操作员 %1</translation>
    </message>
    <message>
        <source>Operator %1 matches several staff members</source>
        <translation>操作员 %1 对应多名人员</translation>
    </message>
    <message>
        <source>Unknown unit %1</source>
        <translation>未知单位 %1</translation>
    </message>
    <message>
        <source>Unknown state “%1”</source>
        <translation>无法识别的状态“%1”</translation>
    </message>
    <message>
        <source>The state “%1” does not fit the times given</source>
        <translation>状态“%1”与所给时间不符</translation>
    </message>
    <message>
        <source>Called, but the call time is missing</source>
        <translation>已叫号，但缺少叫号时间</translation>
    </message>
    <message>
        <source>Finished, but the finish time is missing</source>
        <translation>已办结，但缺少办结时间</translation>
    </message>
    <message>
        <source>The time %1 is in the future</source>
        <translation>时间 %1 晚于现在</translation>
    </message>
    <message>
        <source>Rating “%1” is not on this source's scale</source>
        <translation>评价“%1”不在该来源的评价等级中</translation>
    </message>
    <message>
        <source>A ticket that was never served cannot be rated</source>
        <translation>未办理的取号不能有评价</translation>
    </message>
    <message>
        <source>Cannot read the minutes “%1”</source>
        <translation>无法识别分钟数“%1”</translation>
    </message>
    <message>
        <source>%1 minutes on hold is longer than a day</source>
        <translation>挂起 %1 分钟超过一天</translation>
    </message>
    <message>
        <source>Cannot read the working days “%1”</source>
        <translation>无法识别工作日数“%1”</translation>
    </message>
    <message>
        <source>No time limit: give the limits or a known service item</source>
        <translation>缺少时限：请给出时限或已登记的事项</translation>
    </message>
    <message>
        <source>The promised limit is longer than the legal one</source>
        <translation>承诺时限长于法定时限</translation>
    </message>
    <message>
        <source>Ticket %1 appears twice with different data</source>
        <translation>票号 %1 出现两次且内容不同</translation>
    </message>
    <message>
        <source>Case %1 appears twice with different data</source>
        <translation>办件 %1 出现两次且内容不同</translation>
    </message>
    <message>
        <source>No holiday data for that year: the due date counts Monday to Friday (待确认)</source>
        <translation>该年度无节假日数据：期限按周一至周五计算（待确认）</translation>
    </message>
    <message>
        <source>Called before the ticket was taken</source>
        <translation>叫号早于取号</translation>
    </message>
    <message>
        <source>Accepted before the ticket was taken</source>
        <translation>受理早于取号</translation>
    </message>
    <message>
        <source>Accepted before it was called</source>
        <translation>受理早于叫号</translation>
    </message>
    <message>
        <source>Finished before the ticket was taken</source>
        <translation>办结早于取号</translation>
    </message>
    <message>
        <source>Finished before it was called</source>
        <translation>办结早于叫号</translation>
    </message>
    <message>
        <source>Finished before it was accepted</source>
        <translation>办结早于受理</translation>
    </message>
    <message>
        <source>Rated before the ticket was taken</source>
        <translation>评价早于取号</translation>
    </message>
    <message>
        <source>Rated before it was called</source>
        <translation>评价早于叫号</translation>
    </message>
    <message>
        <source>Rated before it was accepted</source>
        <translation>评价早于受理</translation>
    </message>
    <message>
        <source>The file has no column for: %1. Columns found: %2.</source>
        <translation>文件中没有以下信息所在的列：%1。文件中的列：%2。</translation>
    </message>
    <message>
        <source>The saved mapping names the column “%1”, which this file does not have.</source>
        <translation>已保存的列对应关系使用了“%1”列，但此文件中没有该列。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>This time is before the spot check started.</source>
        <translation>该时间早于本次检查的开始时间。</translation>
    </message>
    <message>
        <source>This time is after the spot check ended.</source>
        <translation>该时间晚于本次检查的结束时间。</translation>
    </message>
    <message>
        <source>%1 is not an item of the hall's checklist.</source>
        <translation>%1 不是本大厅检查清单中的项目。</translation>
    </message>
    <message>
        <source>Checklist item %1 is no longer in use: choose an item in use, or take it back into use in the checklist.</source>
        <translation>检查项 %1 已停用：请选择在用的项目，或在检查清单中重新启用它。</translation>
    </message>
    <message>
        <source>%1 is not a checklist category.</source>
        <translation>%1 不是检查清单的类别。</translation>
    </message>
    <message>
        <source>Checklist code %1 is not valid: write it as category.name in lower case, e.g. service.attitude.</source>
        <translation>检查项编码 %1 无效：请写成小写的“类别.名称”，如 service.attitude。</translation>
    </message>
    <message>
        <source>Code %1 must start with its category, %2.</source>
        <translation>编码 %1 须以其类别 %2 开头。</translation>
    </message>
    <message>
        <source>Checklist code %1 is already used: a code keeps its meaning for good, choose another.</source>
        <translation>检查项编码 %1 已被使用：编码一经使用含义不变，请另选一个。</translation>
    </message>
    <message>
        <source>Checklist item %1 cannot be removed, as findings may name it: take it out of use instead.</source>
        <translation>检查项 %1 可能已被检查发现引用，不能删除：请改为停用。</translation>
    </message>
    <message>
        <source>Checklist item %1 cannot move to another category: add a new item there.</source>
        <translation>检查项 %1 不能改到其他类别：请在该类别下新增一项。</translation>
    </message>
    <message>
        <source>The checklist has no item in use: keep at least one item active.</source>
        <translation>检查清单中没有在用的项目：请至少保留一项启用。</translation>
    </message>
    <message>
        <source>The saved checklist is damaged: save the checklist again.</source>
        <translation>已保存的检查清单已损坏：请重新保存检查清单。</translation>
    </message>
    <message>
        <source>%1 letter(s) cite this finding: revoke or change the letter first.</source>
        <translation>该检查发现已被 %1 份公文引用：请先撤销或修改相应公文。</translation>
    </message>
    <message>
        <source>Give a number from %1 to %2.</source>
        <translation>请填写 %1 至 %2 之间的数。</translation>
    </message>
    <message>
        <source>The template uses an unknown placeholder {%1}: use one of those listed.</source>
        <translation>模板使用了未知的占位符 {%1}：请使用列出的占位符。</translation>
    </message>
    <message>
        <source>Unknown kind “%1”: choose one from the list.</source>
        <translation>未知类型“%1”：请从列表中选择。</translation>
    </message>
    <message>
        <source>This names several letters: give the letter's number or more of its id.</source>
        <translation>匹配到多份公文：请输入文号或更完整的编号。</translation>
    </message>
    <message>
        <source>This deadline (%1) is already past: set a later one.</source>
        <translation>该期限（%1）已过：请设定更晚的日期。</translation>
    </message>
    <message>
        <source>These records name nobody, and a warning letter is addressed to a person: record who it was, or draft a notice to the unit.</source>
        <translation>这些记录未指明人员，而效能告诫书须发给个人：请记录当事人，或改为向单位发通知书。</translation>
    </message>
    <message>
        <source>These records belong to no unit: give the window or the person a unit first (Settings).</source>
        <translation>这些记录不属于任何单位：请先为窗口或人员指定单位（设置）。</translation>
    </message>
    <message>
        <source>These records name several people (%1): draft one letter per person.</source>
        <translation>这些记录涉及多人（%1）：请每人各拟一份公文。</translation>
    </message>
    <message>
        <source>These records are at several units: draft one notice per unit.</source>
        <translation>这些记录涉及多个单位：请每个单位各拟一份通知书。</translation>
    </message>
    <message>
        <source>The character “%1” (%2) is not in the letter's font and would print as an empty box: write it another way.</source>
        <translation>字符“%1”（%2）不在公文字体中，打印出来会是空框：请换一种写法。</translation>
    </message>
    <message>
        <source>The caption takes %1 lines and leaves too little room for the photo: shorten it.</source>
        <translation>说明文字占 %1 行，照片位置不足：请缩短说明。</translation>
    </message>
    <message>
        <source>The photo cannot be read as a JPEG: attach the original photo from the evidence store.</source>
        <translation>照片无法按 JPEG 读取：请附上取证库中的原始照片。</translation>
    </message>
    <message>
        <source>The photo is not a JPEG: attach the original photo from the evidence store.</source>
        <translation>照片不是 JPEG 格式：请附上取证库中的原始照片。</translation>
    </message>
    <message>
        <source>The notice is for %1, not %2: import it as %1, or paste the notice for %2.</source>
        <translation>该通知是 %1 年的，不是 %2 年的：请按 %1 年导入，或粘贴 %2 年的通知。</translation>
    </message>
    <message>
        <source>The notice does not say its year (its title 国务院办公厅关于……的通知 is missing): paste it with its title, or give the year.</source>
        <translation>通知未写明年份（缺少标题“国务院办公厅关于……的通知”）：请连同标题一起粘贴，或填写年份。</translation>
    </message>
    <message>
        <source>“%1”: %2 is not a date of that year. Check the pasted text against the notice.</source>
        <translation>“%1”：%2 不是该年的日期。请对照通知检查粘贴的文字。</translation>
    </message>
    <message>
        <source>“%1”: %2 is a 周%3, and the notice says 周%4. Check the year: a notice is for the year its title names.</source>
        <translation>“%1”：%2 是周%3，通知写的是周%4。请检查年份：通知适用于其标题所写的年份。</translation>
    </message>
    <message>
        <source>“%1”: cannot tell whether these days are off or working days. Paste the sentence as the notice writes it (…放假 or …上班).</source>
        <translation>“%1”：无法判断这些日期是放假还是上班。请按通知原文粘贴该句（……放假 或 ……上班）。</translation>
    </message>
    <message>
        <source>“%1”: says %2 days but names %3. Check the pasted text against the notice.</source>
        <translation>“%1”：写明共 %2 天，却列出了 %3 天。请对照通知检查粘贴的文字。</translation>
    </message>
    <message>
        <source>%1 is both a day off and a working day in the text. Check it against the notice.</source>
        <translation>%1 在文中既是放假日又是上班日。请对照通知检查。</translation>
    </message>
    <message>
        <source>No holiday or working day was found in the text: paste the notice's numbered sections (一、元旦：1月1日放假…).</source>
        <translation>文中未找到放假或上班日期：请粘贴通知的各条内容（一、元旦：1月1日放假……）。</translation>
    </message>
    <message>
        <source>A spot check cannot end before it started.</source>
        <translation>检查的结束时间不能早于开始时间。</translation>
    </message>
    <message>
        <source>The camera refused the user name or password: check them in the window's camera settings.</source>
        <translation>摄像头拒绝了用户名或密码：请在该窗口的摄像头设置中核对。</translation>
    </message>
    <message>
        <source>This is not a camera address: give a device index (0), rtsp://…, http://… or a video file.</source>
        <translation>这不是摄像头地址：请填写设备序号（0）、rtsp://…、http://… 或视频文件。</translation>
    </message>
    <message>
        <source>The camera's video stopped: check the camera and its network cable, then try again.</source>
        <translation>摄像头视频中断：请检查摄像头及网线后重试。</translation>
    </message>
    <message>
        <source>The video file was not found: check the path.</source>
        <translation>找不到视频文件：请检查路径。</translation>
    </message>
    <message>
        <source>The camera did not send a JPEG picture: check its snapshot address.</source>
        <translation>摄像头没有返回 JPEG 图片：请检查其抓图地址。</translation>
    </message>
    <message>
        <source>This address is not a video stream that HallWatch can read: check the stream path.</source>
        <translation>该地址不是 HallWatch 能读取的视频流：请检查码流路径。</translation>
    </message>
    <message>
        <source>The camera did not answer in time: check that it is switched on and on the network, then try again.</source>
        <translation>摄像头未及时响应：请确认其已开机并已联网，然后重试。</translation>
    </message>
    <message>
        <source>There is no working camera at this index on this computer: plug it in, close other programs using it, or choose another index.</source>
        <translation>本机该序号处没有可用的摄像头：请接上摄像头、关闭占用它的其他程序，或另选序号。</translation>
    </message>
    <message>
        <source>The camera cannot be reached: check that it is switched on and that the address and port are right.</source>
        <translation>无法连接摄像头：请确认其已开机，且地址和端口正确。</translation>
    </message>
    <message>
        <source>The camera failed: check it and try again.</source>
        <translation>摄像头出错：请检查后重试。</translation>
    </message>
    <message>
        <source>This kind of import comes with a later release of HallWatch.</source>
        <translation>此类导入将在 HallWatch 的后续版本中提供。</translation>
    </message>
    <message>
        <source>HallWatch does not import this kind of file.</source>
        <translation>HallWatch 不能导入此类文件。</translation>
    </message>
    <message>
        <source>Line %2 of %1 cannot be read as CSV. Open the file, check that line, save it again as CSV and import it again.</source>
        <translation>%1 的第 %2 行无法按 CSV 读取。请打开文件检查该行，重新另存为 CSV 后再导入。</translation>
    </message>
    <message>
        <source>Line %2 of %1 is far too long: this is not a text export. Export the records again as CSV, text or .xlsx.</source>
        <translation>%1 的第 %2 行过长：这不是文本导出文件。请重新导出为 CSV、文本或 .xlsx。</translation>
    </message>
    <message>
        <source>Line %2 of %1, column %3 holds far more text than a cell of a record. Shorten or remove that cell and import the file again.</source>
        <translation>%1 第 %2 行第 %3 列的文字远超一条记录的单元格。请缩短或删除该单元格后重新导入。</translation>
    </message>
    <message>
        <source>In %1, the quote (") opened in line %2, column %3 is never closed, so the lines after it would be read as one cell. Close or remove it and import the file again.</source>
        <translation>%1 第 %2 行第 %3 列的引号（"）没有闭合，其后各行会被读成一个单元格。请补上或删除该引号后重新导入。</translation>
    </message>
    <message>
        <source>Two columns are headed “%2” (%3): HallWatch cannot tell which one holds the %4. Delete or rename one of them, or save a mapping that chooses one.</source>
        <translation>有两列的标题都是“%2”（%3）：无法判断哪一列是“%4”。请删除或重命名其中一列，或保存指定其中一列的列对应关系。</translation>
    </message>
    <message>
        <source>Too many devices in one file</source>
        <translation>一个文件中的设备过多</translation>
    </message>
    <message>
        <source>No column holds this field</source>
        <translation>没有一列对应此字段</translation>
    </message>
    <message>
        <source>Ticket %1 is already stored for that day with another take-ticket time: check the file, or delete the stored ticket first</source>
        <translation>当天已存有票号 %1、但取号时间不同的记录：请检查文件，或先删除已存的记录</translation>
    </message>
    <message>
        <source>Skipped a footer line, not a record (“%1”)</source>
        <translation>已跳过页脚行，并非记录（“%1”）</translation>
    </message>
    <message>
        <source>Skipped: the row repeats the header (a second export pasted below the first?)</source>
        <translation>已跳过：此行重复了表头（是否把第二份导出粘贴在了第一份下面？）</translation>
    </message>
    <message>
        <source>A record torn when the device's log wrapped round: skipped; check that punch on the device if it matters</source>
        <translation>考勤机日志循环覆盖时被截断的记录：已跳过；如有需要请在考勤机上核对该次打卡</translation>
    </message>
    <message>
        <source>Removed control characters (such as terminal colour codes) from the text</source>
        <translation>已从文字中删除控制字符（如终端颜色代码）</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>已取消，未做任何更改。</translation>
    </message>
    <message>
        <source>Staff PIN</source>
        <translation>考勤号码</translation>
    </message>
    <message>
        <source>Punch time</source>
        <translation>打卡时间</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time of day</source>
        <translation>时刻</translation>
    </message>
    <message>
        <source>Sign-out time</source>
        <translation>签退时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Window role (A/B)</source>
        <translation>A/B角</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Ticket number</source>
        <translation>票号</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Service item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Ticket taken</source>
        <translation>取号时间</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>叫号时间</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Minutes on hold</source>
        <translation>挂起分钟</translation>
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
        <source>Promised limit (working days)</source>
        <translation>承诺时限（工作日）</translation>
    </message>
    <message>
        <source>Legal limit (working days)</source>
        <translation>法定时限（工作日）</translation>
    </message>
    <message>
        <source>Paused (working days)</source>
        <translation>暂停（工作日）</translation>
    </message>
    <message>
        <source>Extension (working days)</source>
        <translation>延期（工作日）</translation>
    </message>
    <message>
        <source>The promised limit is longer than the legal limit: it cannot be.</source>
        <translation>承诺时限不能长于法定时限。</translation>
    </message>
    <message>
        <source>The snapshot address must start with http:// or https://, e.g. http://IP/ISAPI/Streaming/channels/101/picture.</source>
        <translation>抓图地址须以 http:// 或 https:// 开头，如 http://IP/ISAPI/Streaming/channels/101/picture。</translation>
    </message>
    <message>
        <source>“%1” fits %2 checklist items: give more of the label, or the code.</source>
        <translation>“%1”与 %2 个检查项相符：请输入更完整的名称，或输入编码。</translation>
    </message>
    <message>
        <source>The header row of %1 has %2 columns, more than a spreadsheet can hold: this is not an export's table. Check that you chose the right file, or export the data again.</source>
        <translation>%1 的表头有 %2 列，超出电子表格所能容纳的列数：这不是导出的数据表。请确认选对了文件，或重新导出数据。</translation>
    </message>
    <message>
        <source>No letter number is left: connect and sync so that the server leases a new block of numbers (a standalone installation: use another series code in the letter template).</source>
        <translation>没有可用的文号：请联网同步，由服务器分配新的文号段（单机使用时，请在公文模板中改用其他机关代字）。</translation>
    </message>
    <message>
        <source>The Chinese fonts for letters are missing: reinstall HallWatch or put a Song/FangSong TrueType font in its fonts folder.</source>
        <translation>缺少公文所用的中文字体：请重新安装 HallWatch，或在其字体文件夹中放入宋体或仿宋 TrueType 字体。</translation>
    </message>
    <message>
        <source>The disk holding %1 is full: free space and try again. Nothing was changed.</source>
        <translation>%1 所在的磁盘已满：请腾出空间后重试。未做任何更改。</translation>
    </message>
    <message>
        <source>The backup %1 is damaged (%2): use another backup. Your data is untouched.</source>
        <translation>备份 %1 已损坏（%2）：请改用其他备份。现有数据未受影响。</translation>
    </message>
    <message>
        <source>The Chinese font for photo captions is missing: reinstall HallWatch.</source>
        <translation>照片说明文字所需的中文字体缺失：请重新安装 HallWatch。</translation>
    </message>
    <message>
        <source>The database was written by a newer HallWatch: install that version to open it.</source>
        <translation>数据库由更新版本的 HallWatch 写入：请安装该版本后再打开。</translation>
    </message>
    <message>
        <source>The database file is damaged: restore it from a backup.</source>
        <translation>数据库文件已损坏：请从备份恢复。</translation>
    </message>
    <message>
        <source>The camera refused the connection: nothing listens at that port. Check the address and port, and that the camera's stream service is switched on.</source>
        <translation>摄像头拒绝连接：该端口无服务监听。请检查地址和端口，并确认摄像头的码流服务已开启。</translation>
    </message>
    <message>
        <source>Neither the camera's stream nor its snapshot address gave a picture: import a photo taken with a phone instead.</source>
        <translation>摄像头的视频流和抓图地址都没有画面：请改为导入用手机拍摄的照片。</translation>
    </message>
</context>
</TS>
